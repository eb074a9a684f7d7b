// The emailed chat link's page asks here for credentials: a valid, unexpired link gives new visitor credentials that
// open that one conversation (and nothing else of the customer's) until the link expires.
import express, { type Router } from "express";
import type { ChatLinks } from "../auth/chat-link.js";
import type { Config } from "../config.js";
import { clientKey } from "../http/client-address.js";
import { sendError } from "../http/errors.js";
import { createRateLimiter } from "../http/rate-limit.js";
import type { VisitorCredentials } from "../protocol/views.js";
import type { Store } from "../store/port.js";

export interface ChatLinkDeps {
  config: Config;
  store: Store;
  links: ChatLinks;
  /** Stores credentials for the visitor that open `conversationId` only, until `expiresAt`. */
  linkDevice(visitorId: string, conversationId: string, expiresAt: number): Promise<VisitorCredentials | null>;
  now: () => number;
}

export function chatLinkRoutes(deps: ChatLinkDeps): Router {
  const { config, store, links, now } = deps;
  const router = express.Router();
  // Per client address: a burst of 10, then one every 6 s (a link is followed a few times, not guessed at).
  const limiter = createRateLimiter(10, 1 / 6);
  router.post("/api/chat-links/redeem", async (req, res) => {
    res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
    const address = clientKey(req, config.network.trustProxy);
    if (!limiter.take(address)) {
      res.set("Retry-After", String(Math.ceil(limiter.retryAfterMs(address) / 1000)));
      return sendError(res, 429, "rate_limited", "Too many requests from this address; try again in a minute");
    }
    const grant = links.verify((req.body as { token?: unknown } | undefined)?.token, now());
    const c = grant && (await store.conversations.get(grant.conversationId));
    const credentials = grant && c && c.visitorId === grant.visitorId ? await deps.linkDevice(grant.visitorId, grant.conversationId, grant.expiresAt) : null;
    if (!grant || !credentials) return sendError(res, 404, "not_found", "This link is not valid or has expired");
    res.json({ ...credentials, conversationId: grant.conversationId, expiresAt: grant.expiresAt });
  });
  return router;
}

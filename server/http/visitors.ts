// Visitor credentials and the widget's configuration.
import express, { type Router } from "express";
import type { Config } from "../config.js";
import type { DeskApi } from "../desk/api.js";
import { identifySchema } from "../protocol/schemas.js";
import type { IdentifyView } from "../protocol/views.js";
import { widgetConfigView } from "./widget-views.js";
import { zodIssues } from "./validation.js";
import { sendError } from "./errors.js";
import { createRateLimiter } from "./rate-limit.js";
import { clientKey } from "./client-address.js";

export function visitorsRouter(config: Config, desk: DeskApi): Router {
  const router = express.Router();
  // New visitor identities per client address: a burst of 20, then one every 10 s.
  const limiter = createRateLimiter(20, 0.1);

  router.get("/api/widget/config", (_req, res) => {
    res.set("Cache-Control", "public, max-age=60").json(widgetConfigView(config));
  });

  router.post("/api/visitors", async (req, res) => {
    const key = clientKey(req, config.network.trustProxy);
    if (!limiter.take(key)) {
      res.set("Retry-After", String(Math.ceil(limiter.retryAfterMs(key) / 1000)));
      return sendError(res, 429, "rate_limited", "Too many new chats from this address; try again later");
    }
    res.status(201).json(await desk.visitor.register());
  });

  // Verified identity: a device's anonymous visitor presents the site's signature of its customer id.
  // Per client address like every per-address limit (TRUST_PROXY-aware, an IPv6 client by its /64).
  const identifies = createRateLimiter(30, 1);
  router.post("/api/visitors/identify", async (req, res) => {
    const key = clientKey(req, config.network.trustProxy);
    if (!identifies.take(key)) {
      res.set("Retry-After", String(Math.ceil(identifies.retryAfterMs(key) / 1000)));
      return sendError(res, 429, "rate_limited", "Too many identity checks from this address; try again later");
    }
    const parsed = identifySchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "Invalid identify request", zodIssues(parsed.error));
    const p = parsed.data;
    // A device's own credentials only (an emailed link's, which open one conversation, do not identify anyone).
    if ((await desk.visitor.authenticate(p.visitorId, p.token))?.scope !== null) return sendError(res, 401, "unauthorized", "Unknown visitor credentials");
    const view: IdentifyView = await desk.visitor.identify({ id: p.id, name: p.name || null, email: p.email || null, hash: p.hash });
    res.json(view);
  });
  return router;
}

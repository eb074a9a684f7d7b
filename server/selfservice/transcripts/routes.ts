// Emailing a chat's transcript to the customer, on an agent's request in the console. The agent holding the chat (or
// who held it last) or a supervisor/admin may ask; the conversation must carry the customer's email address. The email
// goes through the durable queue like ticket emails, and holds only the customer's messages — never internal notes.
import express, { type Router } from "express";
import { z } from "zod";
import { mayReadConversation } from "../../http/agent-auth.js";
import { sendError } from "../../http/errors.js";
import { createRateLimiter } from "../../http/rate-limit.js";
import { zodIssues } from "../../http/validation.js";
import type { Store } from "../../store/port.js";
import type { Access } from "../access.js";
import { parseEmailAddress } from "../mail/address.js";
import type { MailWorker } from "../mail/worker.js";
import { createKeyedSerial } from "../../store/keyed-serial.js";

export interface TranscriptEmailDeps {
  store: Store;
  mail: Pick<MailWorker, "enqueue">;
  access: Access;
  now: () => number;
}

/** Transcript emails one conversation may get per {@link PER_CONVERSATION_WINDOW_MS}. */
export const PER_CONVERSATION_LIMIT = 3;
export const PER_CONVERSATION_WINDOW_MS = 3_600_000;
/** Transcript emails one agent may ask for in a burst; then one every 20 s. */
const PER_AGENT_BURST = 5;

const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const bodySchema = z.object({}).strict();

export function transcriptEmailRoutes(deps: TranscriptEmailDeps): Router {
  const { store, mail, access, now } = deps;
  const router = express.Router();
  const perAgent = createRateLimiter(PER_AGENT_BURST, 1 / 20);
  const perConversation = createKeyedSerial();

  router.use("/api/agent/conversations", access.requireAgent);

  router.post("/api/agent/conversations/:id/transcript-email", async (req, res) => {
    const parsed = bodySchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The body must be an empty JSON object", zodIssues(parsed.error));
    const agent = access.agentOf(res);
    const c = CONVERSATION_ID.test(req.params.id) ? await store.conversations.get(req.params.id) : null;
    // Someone else's conversation is "not found" for an agent: no existence oracle.
    if (!c || !mayReadConversation(agent, c)) return sendError(res, 404, "not_found", "No such conversation");
    const to = c.visitorEmail === null ? null : parseEmailAddress(c.visitorEmail);
    if (!to) return sendError(res, 409, "no_email", "The customer did not leave a usable email address");
    if (!perAgent.take(agent.id)) {
      res.set("Retry-After", String(Math.ceil(perAgent.retryAfterMs(agent.id) / 1000)));
      return sendError(res, 429, "rate_limited", "Too many transcript emails; try again in a moment");
    }
    // Counted and queued one request at a time per conversation: checked side by side, requests arriving together
    // would all find the count under the limit.
    const queued = await perConversation.run(c.id, async () => {
      const since = now() - PER_CONVERSATION_WINDOW_MS;
      const recent = (await store.mailQueue.listByTicket(c.id)).filter((e) => e.kind === "chat_transcript" && e.createdAt > since);
      if (recent.length >= PER_CONVERSATION_LIMIT) return false;
      // The transcript as it is now: messages written after this request are not in it.
      const last = await store.messages.last(c.id);
      await mail.enqueue("chat_transcript", c.id, to, last?.id ?? null);
      return true;
    });
    if (!queued) {
      perAgent.refund(agent.id);
      return sendError(res, 429, "rate_limited", `This customer was sent the transcript ${PER_CONVERSATION_LIMIT} times in the last hour already`);
    }
    res.status(202).json({ to });
  });
  return router;
}

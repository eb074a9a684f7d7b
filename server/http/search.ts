// Search past conversations and tickets by text (messages, names, emails, subjects) and dates, and open a past
// conversation read-only. Supervisors and admins see every conversation; agents see the conversations last assigned
// to them. Every agent sees tickets (as in the ticket inbox).
import express, { type Router } from "express";
import type { Sessions } from "../auth/session.js";
import { excerpt, fold } from "../domain/search.js";
import type { ConversationHitView, SearchResultsView, TicketHitView } from "../protocol/admin.js";
import type { Store } from "../store/port.js";
import { createQueryCheck, firstIssue } from "../selfservice/query.js";
import { mayReadConversation as mayRead, requireAgent, signedInAgent } from "./agent-auth.js";
import { sendError } from "./errors.js";

/** Most hits listed per kind. */
export const SEARCH_LIMIT = 50;
/** The default period: the last 30 days. */
const DEFAULT_DAYS = 30;
const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function searchRouter(store: Store, sessions: Sessions, now: () => number): Router {
  const router = express.Router();
  router.use("/api/search", requireAgent(sessions));

  router.get("/api/search", async (req, res) => {
    const query = createQueryCheck(req.query);
    const q = query.string("q", 200);
    const fromText = query.string("from", 10);
    const toText = query.string("to", 10);
    for (const [name, value] of [["from", fromText], ["to", toText]] as const) {
      if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) query.issues.push({ path: name, message: "must be a date like 2026-05-01" });
    }
    if (query.issues.length > 0) return sendError(res, 400, "invalid_payload", `Bad search: ${firstIssue(query.issues)}`, query.issues);
    // Dates are UTC days; `to` is the last day included.
    const to = toText ? Date.parse(`${toText}T00:00:00Z`) + DAY : now() + 1;
    const from = fromText ? Date.parse(`${fromText}T00:00:00Z`) : to - DEFAULT_DAYS * DAY;
    if (from >= to) return sendError(res, 400, "invalid_payload", "Bad search: from must not be after to", [{ path: "from", message: "must not be after to" }]);
    const agent = signedInAgent(res);
    const needle = q === undefined ? null : fold(q);

    const conversations: ConversationHitView[] = [];
    let truncated = false;
    const candidates = (await store.conversations.listCreated(from, to)).filter((c) => mayRead(agent, c)).sort((a, b) => b.createdAt - a.createdAt);
    for (const c of candidates) {
      if (conversations.length === SEARCH_LIMIT) {
        truncated = true;
        break;
      }
      let match: string | null = needle === null ? "" : null;
      if (match === null) match = fold(c.visitorName).includes(needle!) ? `Name: ${c.visitorName}` : c.visitorEmail && fold(c.visitorEmail).includes(needle!) ? `Email: ${c.visitorEmail}` : null;
      if (match === null) {
        for (const m of await store.messages.list(c.id, 0)) {
          match = excerpt(m.text, needle!);
          if (match !== null) break;
        }
      }
      if (match !== null) conversations.push({ id: c.id, visitorName: c.visitorName, visitorEmail: c.visitorEmail, language: c.language, status: c.status, createdAt: c.createdAt, closedAt: c.closedAt, match });
    }

    const tickets: TicketHitView[] = [];
    for (const t of (await store.tickets.list()).filter((t) => t.createdAt >= from && t.createdAt < to)) {
      if (tickets.length === SEARCH_LIMIT) {
        truncated = true;
        break;
      }
      let match: string | null = needle === null ? "" : (excerpt(t.subject, needle) ?? (fold(t.email).includes(needle) ? `Email: ${t.email}` : null));
      if (match === null) {
        for (const m of await store.ticketMessages.list(t.id)) {
          match = excerpt(m.text, needle!);
          if (match !== null) break;
        }
      }
      if (match !== null) tickets.push({ id: t.id, number: t.number, subject: t.subject, email: t.email, status: t.status, createdAt: t.createdAt, match });
    }
    const body: SearchResultsView = { conversations, tickets, truncated };
    res.set("Cache-Control", "no-store").json(body);
  });

  router.get("/api/search/conversations/:id", async (req, res) => {
    const id = req.params.id;
    const c = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await store.conversations.get(id) : null;
    // Someone else's conversation is "not found" for an agent: no existence oracle.
    if (!c || !mayRead(signedInAgent(res), c)) return sendError(res, 404, "not_found", "No such conversation");
    const messages = await store.messages.list(c.id, 0);
    const hit: ConversationHitView = { id: c.id, visitorName: c.visitorName, visitorEmail: c.visitorEmail, language: c.language, status: c.status, createdAt: c.createdAt, closedAt: c.closedAt, match: "" };
    res.set("Cache-Control", "no-store").json({ conversation: hit, messages, rating: c.rating });
  });
  return router;
}

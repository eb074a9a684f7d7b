// `/api/canned`: canned responses. Every agent reads the shared ones and their own; an agent manages their own
// (personal) ones; only admins manage shared ones.
import { randomBytes } from "node:crypto";
import express, { type Response, type Router } from "express";
import type { Sessions } from "../auth/session.js";
import { LANGUAGE_NAMES, type Config } from "../config.js";
import { cannedCreateSchema, cannedUpdateSchema, type CannedResponseView } from "../protocol/admin.js";
import { changedAt, DuplicateShortcutError, type AgentRecord, type CannedResponseRecord, type Store } from "../store/port.js";
import { requireAgent, signedInAgent } from "./agent-auth.js";
import { sendError } from "./errors.js";
import { zodIssues } from "./validation.js";

/** A response as `agent` sees it. */
export const cannedView = (r: CannedResponseRecord): CannedResponseView => ({
  id: r.id,
  scope: r.ownerId === null ? "shared" : "personal",
  language: r.language,
  shortcut: r.shortcut,
  text: r.text,
  updatedAt: r.updatedAt,
});

/** Whether `agent` may use the response (shared, or their own). */
const visibleTo = (agent: AgentRecord) => (r: CannedResponseRecord) => r.ownerId === null || r.ownerId === agent.id;
/** Whether `agent` may change it (their own; shared ones for admins). */
const editableBy = (agent: AgentRecord, r: CannedResponseRecord) => (r.ownerId === null ? agent.role === "admin" : r.ownerId === agent.id);

/** Shared first, then by language and shortcut. */
export const cannedOrder = (a: CannedResponseRecord, b: CannedResponseRecord) =>
  Number(a.ownerId !== null) - Number(b.ownerId !== null) || a.language.localeCompare(b.language) || a.shortcut.localeCompare(b.shortcut);

export function cannedRouter(config: Config, store: Store, sessions: Sessions, now: () => number): Router {
  const router = express.Router();
  router.use("/api/canned", requireAgent(sessions));

  const unknownLanguage = (res: Response, language: string | undefined) => {
    if (language === undefined || config.languages.includes(language)) return false;
    sendError(res, 400, "invalid_payload", `"${language}" is not an enabled language`, [{ path: "language", message: `must be one of ${config.languages.join(", ")}` }]);
    return true;
  };
  const save = async (res: Response, record: CannedResponseRecord): Promise<boolean> => {
    try {
      await store.canned.put(record);
      return true;
    } catch (error) {
      if (!(error instanceof DuplicateShortcutError)) throw error;
      sendError(res, 409, "invalid_payload", `The shortcut /${record.shortcut} is already used in this language`, [{ path: "shortcut", message: "is taken" }]);
      return false;
    }
  };
  // Someone else's personal response is "not found", never "forbidden": no oracle for other agents' shortcuts.
  const findFor = async (agent: AgentRecord, id: string) => (await store.canned.list()).find((r) => r.id === id && visibleTo(agent)(r)) ?? null;

  router.get("/api/canned", async (_req, res) => {
    const agent = signedInAgent(res);
    const languages = config.languages.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code }));
    res.json({ responses: (await store.canned.list()).filter(visibleTo(agent)).sort(cannedOrder).map(cannedView), languages });
  });

  router.post("/api/canned", async (req, res) => {
    const parsed = cannedCreateSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The response was not saved: check the fields", zodIssues(parsed.error));
    const agent = signedInAgent(res);
    if (parsed.data.scope === "shared" && agent.role !== "admin") return sendError(res, 403, "forbidden", "Only admins may add shared responses");
    if (unknownLanguage(res, parsed.data.language)) return;
    const at = now();
    const record: CannedResponseRecord = {
      id: `cr_${randomBytes(9).toString("base64url")}`,
      ownerId: parsed.data.scope === "shared" ? null : agent.id,
      language: parsed.data.language,
      shortcut: parsed.data.shortcut,
      text: parsed.data.text,
      createdAt: at,
      updatedAt: at,
    };
    if (await save(res, record)) res.status(201).json(cannedView(record));
  });

  router.patch("/api/canned/:id", async (req, res) => {
    const parsed = cannedUpdateSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The response was not saved: check the fields", zodIssues(parsed.error));
    const agent = signedInAgent(res);
    const found = await findFor(agent, req.params.id);
    if (!found) return sendError(res, 404, "not_found", "No such canned response");
    if (!editableBy(agent, found)) return sendError(res, 403, "forbidden", "Only admins may change shared responses");
    if (unknownLanguage(res, parsed.data.language)) return;
    // Only the fields given change, on the response as stored when it is written: another admin's change to other
    // fields is kept, and a response removed meanwhile stays removed.
    try {
      const stored = await store.canned.update(found.id, (current) => ({ ...current, ...parsed.data, updatedAt: changedAt(current.updatedAt, now()) }));
      if (!stored) return sendError(res, 404, "not_found", "No such canned response");
      res.json(cannedView(stored));
    } catch (error) {
      if (!(error instanceof DuplicateShortcutError)) throw error;
      const shortcut = parsed.data.shortcut ?? found.shortcut;
      sendError(res, 409, "invalid_payload", `The shortcut /${shortcut} is already used in this language`, [{ path: "shortcut", message: "is taken" }]);
    }
  });

  router.delete("/api/canned/:id", async (req, res) => {
    const agent = signedInAgent(res);
    const found = await findFor(agent, req.params.id);
    if (!found) return sendError(res, 404, "not_found", "No such canned response");
    if (!editableBy(agent, found)) return sendError(res, 403, "forbidden", "Only admins may remove shared responses");
    await store.canned.remove(found.id);
    res.json({ ok: true });
  });
  return router;
}

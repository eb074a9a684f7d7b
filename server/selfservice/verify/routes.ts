// Official-account verification: the public lookup, and the registry's admin API.
import express, { type Router } from "express";
import { z } from "zod";
import type { Config } from "../../config.js";
import { sendError } from "../../http/errors.js";
import { createRateLimiter } from "../../http/rate-limit.js";
import { zodIssues } from "../../http/validation.js";
import type { OfficialAccountView } from "../../protocol/selfservice.js";
import { DuplicateOfficialError, type OfficialAccountRecord, type Store } from "../../store/port.js";
import type { Access } from "../access.js";
import { createQueryCheck } from "../query.js";
import { explain } from "./explain.js";
import { judge, type OfficialEntry } from "./judge.js";
import { parseAccount } from "./parse.js";
import { channelName, officialEntries, officialRecord, registrableAccount, registrableNote } from "./registry.js";
import { MAX_QUERY_LENGTH } from "./text.js";
import { clientKey } from "../../http/client-address.js";

export interface VerifyDeps {
  config: Config;
  store: Store;
  access: Access;
  now: () => number;
}

const officialSchema = z.object({ channel: z.string().max(40), handle: z.string().max(1000), note: z.string().max(2000).optional() });
const view = ({ id, channel, handle, note, createdAt }: OfficialAccountRecord): OfficialAccountView => ({ id, channel, handle, note, createdAt });

export function verifyRoutes(deps: VerifyDeps): Router {
  const { config, store, access, now } = deps;
  const router = express.Router();
  // Per client address: a burst of 30, then one a second.
  const limiter = createRateLimiter(30, 1);
  // The parsed registry, re-parsed only when the registry changed (also by the `parley` command).
  let cache: { version: string; entries: OfficialEntry[] } | null = null;
  const registry = async () => {
    const version = await store.officials.version();
    if (cache?.version !== version) cache = { version, entries: officialEntries(await store.officials.list()) };
    return cache.entries;
  };

  router.get("/api/verify", async (req, res) => {
    const key = clientKey(req, config.network.trustProxy);
    if (!limiter.take(key)) {
      res.set("Retry-After", String(Math.ceil(limiter.retryAfterMs(key) / 1000)));
      return sendError(res, 429, "rate_limited", "Too many lookups from this address; wait a moment");
    }
    const query = createQueryCheck(req.query);
    const q = query.string("q", MAX_QUERY_LENGTH);
    if (query.issues.length > 0) return sendError(res, 400, "invalid_payload", `q ${query.issues[0]!.message}`, query.issues);
    const ref = q === undefined ? null : parseAccount(q);
    if (!ref) return sendError(res, 400, "invalid_payload", "Enter an account: a handle, a profile link or an email address", [{ path: "q", message: "is required" }]);
    res.set("Cache-Control", "no-store").json(explain(judge(ref, await registry()), ref.display, channelName));
  });

  router.use("/api/admin/officials", access.requireAgent, access.requireAdmin);

  router.get("/api/admin/officials", async (_req, res) => {
    const accounts = (await store.officials.list()).sort((a, b) => a.channel.localeCompare(b.channel) || a.handle.localeCompare(b.handle));
    res.json({ accounts: accounts.map(view) });
  });

  router.post("/api/admin/officials", async (req, res) => {
    const parsed = officialSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "Give channel, handle and an optional note", zodIssues(parsed.error));
    const channel = parsed.data.channel.trim().toLowerCase();
    const ref = registrableAccount(channel, parsed.data.handle, config.officialChannels);
    if (typeof ref === "string") return sendError(res, 400, "invalid_payload", ref, [{ path: ref.startsWith("unknown channel") ? "channel" : "handle", message: ref }]);
    const note = registrableNote(parsed.data.note);
    if (note instanceof Error) return sendError(res, 400, "invalid_payload", note.message, [{ path: "note", message: note.message }]);
    const record = officialRecord(channel, parsed.data.handle, ref, note, now());
    try {
      await store.officials.put(record);
    } catch (error) {
      if (error instanceof DuplicateOfficialError) return sendError(res, 409, "invalid_payload", `${record.handle} is already registered on ${channelName(channel)}`);
      throw error;
    }
    res.status(201).json(view(record));
  });

  router.delete("/api/admin/officials/:id", async (req, res) => {
    if (!(await store.officials.remove(req.params.id))) return sendError(res, 404, "not_found", "No such official account");
    res.json({ ok: true });
  });
  return router;
}

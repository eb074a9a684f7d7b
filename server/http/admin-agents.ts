// `/api/admin/agents` (admins): list, add, edit, disable and reset the password of agents. A disabled agent or a new
// password ends the agent's sessions (see auth/session.ts) and drops their sockets; the desk picks the change up.
import { randomBytes } from "node:crypto";
import express, { type Response, type Router } from "express";
import { hashPassword } from "../auth/password.js";
import type { Sessions } from "../auth/session.js";
import { LANGUAGE_NAMES, type Config } from "../config.js";
import { formatShift, isTimeZone, parseShift } from "../domain/schedule.js";
import type { Issue } from "../protocol/ack.js";
import { agentCreateSchema, agentUpdateSchema, passwordResetSchema, type AdminAgentView, type AgentUpdatePayload } from "../protocol/admin.js";
import { DuplicateEmailError } from "../store/lowdb-agents.js";
import { changedAt, type AgentRecord, type Store } from "../store/port.js";
import { requireAgent, signedInAgent } from "./agent-auth.js";
import { sendError } from "./errors.js";
import { zodIssues } from "./validation.js";

export interface AdminAgentsDeps {
  config: Config;
  store: Store;
  sessions: Sessions;
  /** Disconnects every socket of an agent. */
  dropAgent(agentId: string): void;
  now: () => number;
}

/** An agent without the password hash. */
export function adminAgentView(a: AgentRecord): AdminAgentView {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    languages: [...a.languages],
    maxChats: a.maxChats,
    role: a.role,
    timeZone: a.timeZone ?? "UTC",
    shifts: [...(a.shifts ?? [])],
    disabled: a.disabled === true,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Checks what zod cannot: configured languages, a known time zone, shifts that parse. Shifts come back normalised. */
function checkFields(fields: AgentUpdatePayload, languages: string[]): { issues: Issue[]; shifts?: string[] } {
  const issues: Issue[] = [];
  for (const code of fields.languages ?? []) {
    if (!languages.includes(code)) issues.push({ path: "languages", message: `"${code}" is not an enabled language (${languages.join(", ")})` });
  }
  if (fields.timeZone !== undefined && !isTimeZone(fields.timeZone)) issues.push({ path: "timeZone", message: "is not a time zone (use an IANA name such as Europe/Berlin)" });
  const shifts = fields.shifts?.map((text, i) => {
    const shift = parseShift(text);
    if (typeof shift === "string") issues.push({ path: `shifts.${i}`, message: shift });
    return typeof shift === "string" ? text : formatShift(shift);
  });
  return { issues, ...(shifts && { shifts }) };
}

const AGENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function adminAgentsRouter(deps: AdminAgentsDeps): Router {
  const { config, store, now } = deps;
  const router = express.Router();
  router.use("/api/admin/agents", requireAgent(deps.sessions, ["admin"]));

  const save = async (res: Response, agent: AgentRecord): Promise<boolean> => {
    try {
      await store.agents.put(agent);
      return true;
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      sendError(res, 409, "invalid_payload", `An agent with the email ${agent.email} already exists`, [{ path: "email", message: "is taken" }]);
      return false;
    }
  };
  /** `store.agents.update`, answering 404 when the agent is gone and 409 when the email is taken (then null). */
  const change = async (res: Response, id: string, edit: (current: AgentRecord) => AgentRecord): Promise<AgentRecord | null> => {
    try {
      const stored = await store.agents.update(id, edit);
      if (!stored) sendError(res, 404, "not_found", "No such agent");
      return stored;
    } catch (error) {
      if (!(error instanceof DuplicateEmailError)) throw error;
      sendError(res, 409, "invalid_payload", `An agent with the email ${error.email} already exists`, [{ path: "email", message: "is taken" }]);
      return null;
    }
  };
  const later = (current: AgentRecord) => changedAt(current.updatedAt, now());
  const find = async (id: string) => (AGENT_ID.test(id) ? store.agents.get(id) : null);

  router.get("/api/admin/agents", async (_req, res) => {
    const agents = (await store.agents.list()).sort((a, b) => a.email.localeCompare(b.email));
    res.json({ agents: agents.map(adminAgentView), languages: config.languages.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code })) });
  });

  router.post("/api/admin/agents", async (req, res) => {
    const parsed = agentCreateSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The agent was not added: check the fields", zodIssues(parsed.error));
    const checked = checkFields(parsed.data, config.languages);
    if (checked.issues.length > 0) return sendError(res, 400, "invalid_payload", "The agent was not added: check the fields", checked.issues);
    const { email, password, ...fields } = parsed.data;
    if (await store.agents.getByEmail(email)) return sendError(res, 409, "invalid_payload", `An agent with the email ${email} already exists`, [{ path: "email", message: "is taken" }]);
    const at = now();
    const agent: AgentRecord = {
      id: `a_${randomBytes(12).toString("base64url")}`,
      email,
      name: fields.name,
      languages: [...new Set(fields.languages)],
      maxChats: fields.maxChats ?? config.defaultMaxChats,
      role: fields.role ?? "agent",
      timeZone: fields.timeZone ?? "UTC",
      shifts: checked.shifts ?? [],
      ...(fields.disabled && { disabled: true }),
      passwordHash: await hashPassword(password),
      createdAt: at,
      updatedAt: at,
    };
    if (await save(res, agent)) res.status(201).json(adminAgentView(agent));
  });

  router.patch("/api/admin/agents/:id", async (req, res) => {
    const parsed = agentUpdateSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The agent was not changed: check the fields", zodIssues(parsed.error));
    const checked = checkFields(parsed.data, config.languages);
    if (checked.issues.length > 0) return sendError(res, 400, "invalid_payload", "The agent was not changed: check the fields", checked.issues);
    const agent = await find(req.params.id);
    if (!agent) return sendError(res, 404, "not_found", "No such agent");
    const self = signedInAgent(res).id === agent.id;
    // An admin cannot lock themselves out (another admin can).
    if (self && (parsed.data.disabled === true || (parsed.data.role !== undefined && parsed.data.role !== "admin"))) {
      return sendError(res, 400, "invalid_payload", "You cannot disable your own account or take away your own admin role", [
        { path: parsed.data.disabled === true ? "disabled" : "role", message: "cannot be changed on your own account" },
      ]);
    }
    const { disabled, ...fields } = parsed.data;
    // Applied to the agent as stored when it is written: what another admin (or the `parley` command) changed meanwhile
    // is kept, field by field.
    const next = await change(res, agent.id, (current) => {
      const changed: AgentRecord = { ...current, ...fields, ...(checked.shifts && { shifts: checked.shifts }), updatedAt: later(current) };
      if (fields.languages) changed.languages = [...new Set(fields.languages)];
      if (disabled === true) changed.disabled = true;
      else if (disabled === false) delete changed.disabled;
      return changed;
    });
    if (!next) return;
    if (next.disabled) deps.dropAgent(next.id);
    res.json(adminAgentView(next));
  });

  router.post("/api/admin/agents/:id/password", async (req, res) => {
    const parsed = passwordResetSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The password was not changed", zodIssues(parsed.error));
    const agent = await find(req.params.id);
    if (!agent) return sendError(res, 404, "not_found", "No such agent");
    const passwordHash = await hashPassword(parsed.data.password);
    const next = await change(res, agent.id, (current) => ({ ...current, passwordHash, updatedAt: later(current) }));
    if (!next) return;
    // Every session of the agent ends with the old password (the desk also drops their sockets on its next sync).
    deps.dropAgent(next.id);
    res.json(adminAgentView(next));
  });
  return router;
}

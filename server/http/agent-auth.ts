// HTTP endpoints for agents: the session cookie authenticates, the role authorises.
import type { RequestHandler, Response } from "express";
import { readCookie, SESSION_COOKIE, type Sessions } from "../auth/session.js";
import type { AgentRole } from "../protocol/views.js";
import type { AgentRecord, ConversationRecord } from "../store/port.js";
import { sendError } from "./errors.js";

/** Refuses without a valid session (401) or, when `roles` are given, a role outside them (403). */
export function requireAgent(sessions: Sessions, roles?: readonly AgentRole[]): RequestHandler {
  return async (req, res, next) => {
    const agent = await sessions.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!agent) return sendError(res, 401, "unauthorized", "Sign in first");
    if (roles && !roles.includes(agent.role)) return sendError(res, 403, "forbidden", `Only ${roles.join(" and ")}s may do this`);
    res.locals.agent = agent;
    next();
  };
}

/** The agent `requireAgent` let through. */
export const signedInAgent = (res: Response): AgentRecord => res.locals.agent as AgentRecord;

/** Supervisors and admins may read (and act on the record of) every conversation; an agent only those last assigned to them. */
export const mayReadConversation = (agent: AgentRecord, c: ConversationRecord): boolean => agent.role !== "agent" || c.assigneeId === agent.id;

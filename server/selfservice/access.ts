// Who may call the agent and admin endpoints: the session cookie decides, the role from the agent record.
import type { RequestHandler, Response } from "express";
import { readCookie, SESSION_COOKIE, type Sessions } from "../auth/session.js";
import { sendError } from "../http/errors.js";
import type { AgentRecord } from "../store/port.js";

export function createAccess(sessions: Sessions) {
  const requireAgent: RequestHandler = async (req, res, next) => {
    const agent = await sessions.resolve(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!agent) {
      // An upload without a session is not read: answer and drop the connection.
      if (req.method !== "GET" && req.method !== "HEAD") res.set("Connection", "close");
      return sendError(res, 401, "unauthorized", "Sign in first");
    }
    res.locals.agent = agent;
    next();
  };
  const requireAdmin: RequestHandler = (req, res, next) => {
    if ((res.locals.agent as AgentRecord | undefined)?.role !== "admin") return sendError(res, 403, "forbidden", "Only admins may do this");
    next();
  };
  return {
    requireAgent,
    /** After requireAgent. */
    requireAdmin,
    /** The signed-in agent (after requireAgent). */
    agentOf: (res: Response): AgentRecord => res.locals.agent as AgentRecord,
  };
}

export type Access = ReturnType<typeof createAccess>;

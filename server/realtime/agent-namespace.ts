// The /agent namespace: signed-in agents (session cookie). Two tabs of one agent are one presence.
import type { Namespace } from "socket.io";
import type { Logger } from "pino";
import { readCookie, SESSION_COOKIE, sessionIdOf, type Sessions } from "../auth/session.js";
import type { Desk } from "../desk/desk.js";
import { agentSelfView } from "../desk/views.js";
import { fail, ok } from "../desk/result.js";
import { createRateLimiter } from "../http/rate-limit.js";
import type { AgentClientEvents, AgentServerEvents } from "../protocol/events.js";
import {
  conversationHistorySchema,
  conversationReadSchema,
  conversationRefSchema,
  emptySchema,
  messageSendSchema,
  statusSetSchema,
  typingSetSchema,
} from "../protocol/schemas.js";
import type { AgentRecord } from "../store/port.js";
import { bind } from "./handler.js";
import { agentRoom } from "./rooms.js";

export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, { agent: AgentRecord; sessionId: string }>;

export function attachAgentNamespace(nsp: AgentNamespace, desk: Desk, sessions: Sessions, logger: Logger): void {
  nsp.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    sessions.resolve(token).then(
      (agent) => {
        if (!agent || !token) return next(new Error("unauthorized"));
        socket.data.agent = agent;
        socket.data.sessionId = sessionIdOf(token);
        next();
      },
      (err) => {
        logger.error({ err }, "agent authentication failed");
        next(new Error("unavailable"));
      },
    );
  });

  const limiter = createRateLimiter(40, 10);

  nsp.on("connection", (socket) => {
    const agentId = socket.data.agent.id;
    const opts = { logger, limiter };
    void socket.join(agentRoom(agentId));
    socket.on("disconnect", () => void desk.presence.disconnected(agentId).catch((err) => logger.error({ err }, "presence update failed")));
    desk.presence.connected(socket.data.agent).then(
      (state) => socket.emit("agent:updated", agentSelfView(state.record, state.status)),
      (err) => logger.error({ err }, "presence update failed"),
    );

    bind(socket, "status:set", statusSetSchema, async (p) => {
      const state = await desk.presence.setStatus(agentId, p.status);
      if (!state) return fail("unauthorized", "This account no longer exists");
      const view = agentSelfView(state.record, state.status);
      socket.to(agentRoom(agentId)).emit("agent:updated", view);
      return ok(view);
    }, opts);
    bind(socket, "conversation:list", emptySchema, () => desk.agent.list(agentId), opts);
    bind(socket, "conversation:history", conversationHistorySchema, (p) => desk.agent.history(agentId, p.conversationId, p.afterSeq), opts);
    bind(socket, "message:send", messageSendSchema, (p) => desk.agent.send(agentId, p), opts);
    bind(socket, "typing:set", typingSetSchema, (p) => desk.agent.typing(agentId, p), opts);
    bind(socket, "conversation:close", conversationRefSchema, (p) => desk.agent.close(agentId, p.conversationId), opts);
    bind(socket, "conversation:read", conversationReadSchema, (p) => desk.agent.read(agentId, p), opts);
  });
}

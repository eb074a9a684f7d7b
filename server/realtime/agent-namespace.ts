// The /agent namespace: signed-in agents (session cookie). Two tabs of one agent are one presence.
import type { Namespace } from "socket.io";
import type { Logger } from "pino";
import { readCookie, SESSION_COOKIE, sessionIdOf, type Sessions } from "../auth/session.js";
import type { DeskApi } from "../desk/api.js";
import { outcome } from "../desk/effects.js";
import { fail, ok } from "../desk/result.js";
import { createRateLimiter } from "../http/rate-limit.js";
import type { AgentClientEvents, AgentServerEvents } from "../protocol/events.js";
import {
  boardWatchSchema,
  conversationTransferSchema,
  conversationAssignSchema,
  conversationWatchSchema,
  noteAddSchema,
  conversationHistorySchema,
  conversationReadSchema,
  conversationRefSchema,
  emptySchema,
  messageSendSchema,
  statusSetSchema,
  typingSetSchema,
} from "../protocol/schemas.js";
import type { AgentRecord } from "../store/port.js";
import { binder, type Deliver } from "./handler.js";
import { agentRoom } from "./rooms.js";

export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, { agent: AgentRecord; sessionId: string; expiresAt: number }>;

export function attachAgentNamespace(nsp: AgentNamespace, desk: DeskApi, sessions: Sessions, deliver: Deliver, logger: Logger): void {
  nsp.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    sessions.open(token).then(
      (session) => {
        if (!session || !token) return next(new Error("unauthorized"));
        socket.data.agent = session.agent;
        socket.data.sessionId = sessionIdOf(token);
        socket.data.expiresAt = session.expiresAt;
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
    const bind = binder<AgentClientEvents>(socket, deliver);
    void socket.join(agentRoom(agentId));
    socket.on("disconnect", () => {
      if (!nsp.adapter.rooms.get(agentRoom(agentId))?.size) desk.board.forget(agentId);
      void desk.presence.disconnected(agentId).catch((err) => logger.error({ err }, "presence update failed"));
    });
    // An agent is Online (or as they left it) on connect: the new socket learns its own state first, then what its
    // arrival set in motion (chats assigned to them) reaches everyone concerned.
    desk.presence.connected(socket.data.agent).then(
      ({ self, effects }) => {
        socket.emit("agent:updated", self);
        deliver(effects);
      },
      (err) => logger.error({ err }, "presence update failed"),
    );

    bind("status:set", statusSetSchema, async (p) => {
      const changed = await desk.presence.setStatus(agentId, p.status);
      if (!changed) return outcome(fail("unauthorized", "This account no longer exists"));
      return outcome(ok(changed.self), changed.effects);
    }, opts);
    bind("conversation:list", emptySchema, () => desk.agent.list(agentId), opts);
    bind("conversation:history", conversationHistorySchema, (p) => desk.agent.history(agentId, p.conversationId, p.afterSeq), opts);
    bind("message:send", messageSendSchema, (p) => desk.agent.send(agentId, p), opts);
    bind("typing:set", typingSetSchema, (p) => desk.agent.typing(agentId, p), opts);
    bind("conversation:close", conversationRefSchema, (p) => desk.agent.close(agentId, p.conversationId), opts);
    bind("conversation:read", conversationReadSchema, (p) => desk.agent.read(agentId, p), opts);
    bind("note:add", noteAddSchema, (p) => desk.agent.note(agentId, p), opts);
    bind("transfer:options", conversationRefSchema, async (p) => desk.handover.options(agentId, await desk.agent.supervises(agentId), p.conversationId), opts);
    bind("conversation:transfer", conversationTransferSchema, async (p) => desk.handover.transfer(agentId, await desk.agent.supervises(agentId), p), opts);
    bind("conversation:decline", conversationRefSchema, (p) => desk.handover.decline(agentId, p.conversationId), opts);
    bind("conversation:watch", conversationWatchSchema, (p) => desk.agent.watch(agentId, p.conversationId, p.watch), opts);
    bind("conversation:takeover", conversationRefSchema, async (p) =>
      (await desk.agent.supervises(agentId)) ? desk.handover.takeover(agentId, p.conversationId) : outcome(fail("forbidden", "Only supervisors can take over a chat")), opts);
    bind("conversation:assign", conversationAssignSchema, async (p) =>
      (await desk.agent.supervises(agentId)) ? desk.handover.assign(agentId, p) : outcome(fail("forbidden", "Only supervisors can assign a waiting customer")), opts);
    bind("board:watch", boardWatchSchema, async (p) =>
      (await desk.agent.supervises(agentId)) ? outcome(ok(await desk.board.watch(agentId, p.watch))) : outcome(fail("forbidden", "Only supervisors can see the board")), opts);
  });
}

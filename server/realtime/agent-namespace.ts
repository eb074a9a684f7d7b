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
import { handlerTable, type Deliver } from "./handler.js";
import { agentRoom, sessionRoom } from "./rooms.js";

export interface Agent {
  agent: AgentRecord;
  sessionId: string;
  expiresAt: number;
}
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, Agent>;

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

  const table = handlerTable<AgentClientEvents, Agent>(deliver, logger);
  const bind = table.bind;
  const opts = { limiter };
  bind("status:set", statusSetSchema, async (p, { agent }) => {
    const changed = await desk.presence.setStatus(agent.id, p.status);
    if (!changed) return outcome(fail("unauthorized", "This account no longer exists"));
    return outcome(ok(changed.self), changed.effects);
  }, opts);
  bind("conversation:list", emptySchema, (_p, { agent }) => desk.agent.list(agent.id), opts);
  bind("conversation:history", conversationHistorySchema, (p, { agent }) => desk.agent.history(agent.id, p.conversationId, p.afterSeq), opts);
  bind("message:send", messageSendSchema, (p, { agent }) => desk.agent.send(agent.id, p), opts);
  bind("typing:set", typingSetSchema, (p, { agent }) => desk.agent.typing(agent.id, p), opts);
  bind("conversation:close", conversationRefSchema, (p, { agent }) => desk.agent.close(agent.id, p.conversationId), opts);
  bind("conversation:read", conversationReadSchema, (p, { agent }) => desk.agent.read(agent.id, p), opts);
  bind("note:add", noteAddSchema, (p, { agent }) => desk.agent.note(agent.id, p), opts);
  bind("transfer:options", conversationRefSchema, async (p, { agent }) => desk.handover.options(agent.id, await desk.agent.supervises(agent.id), p.conversationId), opts);
  bind("conversation:transfer", conversationTransferSchema, async (p, { agent }) => desk.handover.transfer(agent.id, await desk.agent.supervises(agent.id), p), opts);
  bind("conversation:decline", conversationRefSchema, (p, { agent }) => desk.handover.decline(agent.id, p.conversationId), opts);
  bind("conversation:watch", conversationWatchSchema, (p, { agent }) => desk.agent.watch(agent.id, p.conversationId, p.watch), opts);
  bind("conversation:takeover", conversationRefSchema, async (p, { agent }) =>
    (await desk.agent.supervises(agent.id)) ? desk.handover.takeover(agent.id, p.conversationId) : outcome(fail("forbidden", "Only supervisors can take over a chat")), opts);
  bind("conversation:assign", conversationAssignSchema, async (p, { agent }) =>
    (await desk.agent.supervises(agent.id)) ? desk.handover.assign(agent.id, p) : outcome(fail("forbidden", "Only supervisors can assign a waiting customer")), opts);
  bind("board:watch", boardWatchSchema, async (p, { agent }) =>
    (await desk.agent.supervises(agent.id)) ? outcome(ok(await desk.board.watch(agent.id, p.watch))) : outcome(fail("forbidden", "Only supervisors can see the board")), opts);

  nsp.on("connection", (socket) => {
    const agentId = socket.data.agent.id;
    void socket.join([agentRoom(agentId), sessionRoom(socket.data.sessionId)]);
    table.attach(socket);
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
  });
}

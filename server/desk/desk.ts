// The support desk: queues, assignment, presence and conversations, behind one object the transports call.
// Operations return `{ ack, effects }` (effects.ts); what timers decide goes to `deps.publish`.
import { createAgentOps } from "./agent-ops.js";
import { createBoard } from "./board.js";
import { createHandover } from "./handover.js";
import { createDeskCore, type DeskDeps } from "./core.js";
import { createLifecycle } from "./lifecycle.js";
import { createPresence } from "./presence.js";
import { createQueueInfo } from "./queue-info.js";
import { createVisitorOps } from "./visitor-ops.js";
import { createVisitorPresence } from "./visitor-presence.js";
import { createOfflineReplies } from "./offline-replies.js";
import type { DeskEffect } from "./effects.js";
import type { MessageView } from "../protocol/views.js";

export type { DeskDeps } from "./core.js";
export type { DeskEffect, Outcome, Publish } from "./effects.js";
export type Desk = ReturnType<typeof createDesk>;

export function createDesk(deps: DeskDeps) {
  const core = createDeskCore(deps);
  const presence = createPresence(core);
  const lifecycle = createLifecycle(core, presence);
  const presenceOfVisitors = createVisitorPresence(core);
  const offline = createOfflineReplies(core, (visitorId) => presenceOfVisitors.count(visitorId) === 0, deps.queueOfflineReply);
  const visitors = {
    ...presenceOfVisitors,
    disconnected(visitorId: string) {
      presenceOfVisitors.disconnected(visitorId);
      if (presenceOfVisitors.count(visitorId) === 0) offline.left(visitorId);
    },
  };
  const board = createBoard(core);
  const agentOps = createAgentOps(core);
  return {
    visitor: createVisitorOps(core),
    agent: {
      ...agentOps,
      /** Also arms the email of answers to a customer who has left. */
      async send(...args: Parameters<typeof agentOps.send>) {
        const out = await agentOps.send(...args);
        // A new message has effects (a repeated id has none and was handled the first time).
        const c = out.ack.ok && out.effects.length > 0 ? core.open.get(out.ack.data.conversationId) : undefined;
        if (c) offline.answered(c.id, c.visitorId);
        return out;
      },
    },
    /**
     * A message another node stored (cluster: it acked it and told its customer and agent): kept as if stored here, and
     * the effects for those this desk alone knows of (the supervisors following the chat).
     */
    noticed(message: MessageView): DeskEffect[] {
      const c = core.open.get(message.conversationId);
      if (!c) return [];
      core.noteMessage(c, message);
      if (message.author === "agent") offline.answered(c.id, c.visitorId);
      const watchers = core.watchersOf(c.id).filter((agentId) => agentId !== c.assigneeId);
      return watchers.length > 0 ? [{ type: "message.watched", agentIds: watchers, message }] : [];
    },
    /** Transfer, decline, take over. */
    handover: createHandover(core),
    /** The supervisors' live board. */
    board,
    presence,
    /** Customers' sockets: who is still there (abandoned queue places end). */
    visitors,
    start: async () => {
      await lifecycle.start();
      visitors.start();
    },
    /** Stops the queue tick and the abandonment sweep (the app calls it on close). */
    stop: () => {
      lifecycle.stop();
      visitors.stop();
      offline.stop();
      board.stop();
    },
    /** Per-language queue summary for `GET /api/queues`. */
    queues: createQueueInfo(core),
    syncAgents: lifecycle.syncAgents,
    /** Resolves once every queued mutation has finished (for shutdown and tests). */
    idle: () => core.serial.idle(),
    /** Read-only snapshot for health and supervisors. */
    stats: () => ({ queued: core.queues.size(), open: core.open.size, agentsOnline: [...core.agents.values()].filter((a) => a.sockets > 0).length }),
    core,
  };
}

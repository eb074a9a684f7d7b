// Delivers the desk's effects to sockets through Socket.IO rooms (one room per visitor, one per agent). The only place
// that turns effects into emits; with a Redis adapter the same rooms reach sockets on every node.
import type { DeskEffect } from "../desk/effects.js";
import type { AgentNamespace } from "./agent-namespace.js";
import { agentRoom, visitorRoom } from "./rooms.js";
import type { VisitorNamespace } from "./visitor-namespace.js";

export interface Namespaces {
  visitors: VisitorNamespace;
  agents: AgentNamespace;
}

/**
 * Emits each effect to the people it concerns. `senderSocketId` is the socket whose request decided them: it already
 * has its own message in its ack, so a `message.created` it wrote is not sent back to it (its other tabs get it).
 */
export function createDelivery(namespaces: () => Namespaces) {
  return function deliver(effects: DeskEffect[], senderSocketId?: string): void {
    const { visitors, agents } = namespaces();
    const toVisitor = (visitorId: string, skip: boolean) => {
      const room = visitors.to(visitorRoom(visitorId));
      return skip && senderSocketId ? room.except(senderSocketId) : room;
    };
    const toAgent = (agentId: string, skip: boolean) => {
      const room = agents.to(agentRoom(agentId));
      return skip && senderSocketId ? room.except(senderSocketId) : room;
    };
    for (const effect of effects) {
      switch (effect.type) {
        case "message.created":
          toVisitor(effect.to.visitorId, effect.message.author === "visitor").emit("message:created", effect.message);
          if (effect.to.agentId) toAgent(effect.to.agentId, effect.message.author === "agent").emit("message:created", effect.message);
          for (const watcher of effect.to.watchers ?? []) {
            if (watcher !== effect.to.agentId) toAgent(watcher, effect.message.author === "agent").emit("message:created", effect.message);
          }
          break;
        case "message.watched":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, false).emit("message:created", effect.message);
          break;
        case "conversation.visitor":
          toVisitor(effect.visitorId, false).emit("conversation:updated", effect.view);
          break;
        case "conversation.assigned":
          toAgent(effect.agentId, false).emit("conversation:assigned", effect.view);
          break;
        case "conversation.agent":
          toAgent(effect.agentId, false).emit("conversation:updated", effect.view);
          break;
        case "conversation.unassigned":
          toAgent(effect.agentId, false).emit("conversation:unassigned", { conversationId: effect.conversationId, reason: effect.reason });
          break;
        case "typing.changed": {
          const payload = { conversationId: effect.conversationId, typing: effect.typing };
          if ("visitorId" in effect.to) toVisitor(effect.to.visitorId, false).emit("typing:changed", payload);
          else toAgent(effect.to.agentId, false).emit("typing:changed", payload);
          break;
        }
        case "agent.updated":
          // The tab that changed its own status has the new state in its ack.
          toAgent(effect.agentId, true).emit("agent:updated", effect.view);
          break;
        case "note.created":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, true).emit("note:created", effect.note);
          break;
        case "conversation.seen":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, false).emit("conversation:seen", { conversationId: effect.conversationId, seq: effect.seq });
          break;
        case "board.updated":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, false).emit("board:updated", effect.board);
          break;
        case "agent.disconnect":
          agents.in(agentRoom(effect.agentId)).disconnectSockets(true);
          break;
        default:
          effect satisfies never;
      }
    }
  };
}

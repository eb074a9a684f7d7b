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
 * With `roomsAreLocal` (one node, Socket.IO's in-memory adapter) a room with nobody in it but the sender is skipped
 * before anything is encoded — a customer writing from their only tab, the common case, costs one encoding of their
 * message (for the agent), not two. On a cluster the rooms also live on other nodes, so every emit goes out.
 */
export function createDelivery(namespaces: () => Namespaces, { roomsAreLocal }: { roomsAreLocal: boolean }) {
  return function deliver(effects: DeskEffect[], senderSocketId?: string): void {
    const { visitors, agents } = namespaces();
    /** False when, on one node, the room holds nobody the emit would reach. */
    const reaches = (nsp: VisitorNamespace | AgentNamespace, name: string, except: string | undefined) => {
      if (!roomsAreLocal) return true;
      const members = nsp.adapter.rooms.get(name);
      return members !== undefined && !(except !== undefined && members.size === 1 && members.has(except));
    };
    const toVisitor = (visitorId: string, skip: boolean) => {
      const name = visitorRoom(visitorId);
      const except = skip ? senderSocketId : undefined;
      if (!reaches(visitors, name, except)) return null;
      return except !== undefined ? visitors.to(name).except(except) : visitors.to(name);
    };
    const toAgent = (agentId: string, skip: boolean) => {
      const name = agentRoom(agentId);
      const except = skip ? senderSocketId : undefined;
      if (!reaches(agents, name, except)) return null;
      return except !== undefined ? agents.to(name).except(except) : agents.to(name);
    };
    for (const effect of effects) {
      switch (effect.type) {
        case "message.created":
          toVisitor(effect.to.visitorId, effect.message.author === "visitor")?.emit("message:created", effect.message);
          if (effect.to.agentId) toAgent(effect.to.agentId, effect.message.author === "agent")?.emit("message:created", effect.message);
          for (const watcher of effect.to.watchers ?? []) {
            if (watcher !== effect.to.agentId) toAgent(watcher, effect.message.author === "agent")?.emit("message:created", effect.message);
          }
          break;
        case "message.watched":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, false)?.emit("message:created", effect.message);
          break;
        case "conversation.visitor":
          toVisitor(effect.visitorId, false)?.emit("conversation:updated", effect.view);
          break;
        case "conversation.assigned":
          toAgent(effect.agentId, false)?.emit("conversation:assigned", effect.view);
          break;
        case "conversation.agent":
          toAgent(effect.agentId, false)?.emit("conversation:updated", effect.view);
          break;
        case "conversation.unassigned":
          toAgent(effect.agentId, false)?.emit("conversation:unassigned", { conversationId: effect.conversationId, reason: effect.reason });
          break;
        case "typing.changed": {
          const payload = { conversationId: effect.conversationId, typing: effect.typing };
          if ("visitorId" in effect.to) toVisitor(effect.to.visitorId, false)?.emit("typing:changed", payload);
          else toAgent(effect.to.agentId, false)?.emit("typing:changed", payload);
          break;
        }
        case "agent.updated":
          // The tab that changed its own status has the new state in its ack.
          toAgent(effect.agentId, true)?.emit("agent:updated", effect.view);
          break;
        case "note.created":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, true)?.emit("note:created", effect.note);
          break;
        case "conversation.seen":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, false)?.emit("conversation:seen", { conversationId: effect.conversationId, seq: effect.seq });
          break;
        case "board.updated":
          for (const agentId of new Set(effect.agentIds)) toAgent(agentId, false)?.emit("board:updated", effect.board);
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

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
 * message (for the agent), not two — and a room with one socket to reach is emitted to on that socket itself: the same
 * packet on the wire, without a broadcast operator, its room and exception sets and the adapter's walk over them per
 * emit (about a sixth of the heap a message allocated). On a cluster the rooms also live on other nodes, so every emit
 * goes out through the adapter.
 */
export function createDelivery(namespaces: () => Namespaces, { roomsAreLocal }: { roomsAreLocal: boolean }) {
  return function deliver(effects: DeskEffect[], senderSocketId?: string): void {
    const { visitors, agents } = namespaces();
    /**
     * Where an emit to room `name` (but not to socket `except`) goes: the room (a cluster, or several sockets to reach),
     * its only socket to reach (one node), or null when, on one node, it reaches nobody.
     */
    function target<N extends VisitorNamespace | AgentNamespace>(nsp: N, name: string, except: string | undefined): Pick<ReturnType<N["to"]>, "emit"> | null {
      const room = () => (except !== undefined ? nsp.to(name).except(except) : nsp.to(name)) as ReturnType<N["to"]>;
      if (!roomsAreLocal) return room();
      const members = nsp.adapter.rooms.get(name);
      if (members === undefined) return null;
      const reached = except !== undefined && members.has(except) ? members.size - 1 : members.size;
      if (reached === 0) return null;
      if (reached > 1) return room();
      for (const id of members) {
        const socket = id === except ? undefined : nsp.sockets.get(id);
        if (socket) return socket as unknown as Pick<ReturnType<N["to"]>, "emit">;
      }
      return null;
    }
    const toVisitor = (visitorId: string, skip: boolean) => target(visitors, visitorRoom(visitorId), skip ? senderSocketId : undefined);
    const toAgent = (agentId: string, skip: boolean) => target(agents, agentRoom(agentId), skip ? senderSocketId : undefined);
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

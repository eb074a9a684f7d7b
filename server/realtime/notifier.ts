// The desk's Notifier, implemented with Socket.IO rooms.
import type { Notifier } from "../desk/desk.js";
import type { AgentNamespace } from "./agent-namespace.js";
import { agentRoom, visitorRoom } from "./rooms.js";
import type { VisitorNamespace } from "./visitor-namespace.js";

export function createNotifier(namespaces: () => { visitors: VisitorNamespace; agents: AgentNamespace }): Notifier {
  return {
    visitor: (visitorId, event, ...args) => void namespaces().visitors.to(visitorRoom(visitorId)).emit(event, ...args),
    agent: (agentId, event, ...args) => void namespaces().agents.to(agentRoom(agentId)).emit(event, ...args),
    disconnectAgent: (agentId) => namespaces().agents.in(agentRoom(agentId)).disconnectSockets(true),
  };
}

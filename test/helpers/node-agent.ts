// An agent signed in on a node process: the account and session made in Redis (as `parley agent add` and a sign-in
// would: many sign-ins from one address would meet the limits, and scrypt is slow on a busy machine), and what the
// agent is told of chats given and taken away.
import { createSessions, SESSION_COOKIE } from "../../server/auth/session.js";
import type { AgentConversationView } from "../../server/protocol/views.js";
import type { AgentRecord, Store } from "../../server/store/port.js";
import { connectAgent, type AgentSocket } from "./clients.js";
import type { NodeProcess } from "./node-process.js";

export interface NodeAgent {
  record: AgentRecord;
  socket: AgentSocket;
  /** Ids of the chats given to the agent (`conversation:assigned`), in order. */
  assigned: string[];
  /** Ids of the chats taken from the agent (`conversation:unassigned`), in order. */
  unassigned: string[];
}

export async function agentOnNode(store: Store, node: NodeProcess, id: string, maxChats: number): Promise<NodeAgent> {
  const record: AgentRecord = { id, email: `${id}@example.com`, name: id, languages: ["en"], maxChats, role: "agent", passwordHash: `scrypt$16384$8$1$c2FsdA==$${id}`, createdAt: 0, updatedAt: 0 };
  await store.agents.put(record);
  const { token } = await createSessions(store, 3_600_000).create(record);
  const socket = await connectAgent(node.url, `${SESSION_COOKIE}=${token}`);
  const agent: NodeAgent = { record, socket, assigned: [], unassigned: [] };
  socket.on("conversation:assigned", (view: AgentConversationView) => agent.assigned.push(view.id));
  socket.on("conversation:unassigned", (u) => agent.unassigned.push(u.conversationId));
  return agent;
}

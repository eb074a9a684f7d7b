// What the transports (realtime/, http/, self-service) may ask of the desk. One node: the desk itself (`localDeskApi`).
// Several nodes on Redis: the same calls, run by whichever node holds the desk lease (cluster/cluster-desk.ts).
import type { AgentId, VisitorId } from "../protocol/ids.js";
import type { AgentStatus, BoardView, QueuesView } from "../protocol/views.js";
import type { Desk } from "./desk.js";

export interface DeskApi {
  /** `hasOpen` may be answered by another node (then asynchronously). */
  visitor: Omit<Desk["visitor"], "hasOpen"> & { hasOpen(visitorId: VisitorId): boolean | Promise<boolean> };
  /**
   * Customers' sockets. `count` is this node's own (the per-visitor socket limit is per node on a cluster); connects and
   * disconnects also reach the desk, which ends waiting chats whose customer has gone.
   */
  visitors: Pick<Desk["visitors"], "count" | "connected" | "disconnected">;
  /** `supervises` may be answered by another node (then asynchronously). */
  agent: Omit<Desk["agent"], "supervises"> & { supervises(agentId: AgentId): boolean | Promise<boolean> };
  handover: Pick<Desk["handover"], "options" | "transfer" | "decline" | "takeover" | "assign">;
  /** The supervisors' board; `watch` may be answered by another node. */
  board: { watch(agentId: AgentId, on: boolean): BoardView | null | Promise<BoardView | null>; forget(agentId: AgentId): void };
  presence: Pick<Desk["presence"], "connected" | "disconnected" | "setStatus">;
  /** Per-language queue summary for `GET /api/queues`. */
  queues(): Promise<QueuesView>;
  /** An agent's status as the desk knows it ("online" for one it has not seen). */
  statusOf(agentId: AgentId): Promise<AgentStatus>;
}

export function localDeskApi(desk: Desk): DeskApi {
  return {
    visitor: desk.visitor,
    visitors: desk.visitors,
    agent: desk.agent,
    handover: desk.handover,
    board: desk.board,
    presence: desk.presence,
    queues: async () => desk.queues(),
    statusOf: async (agentId) => desk.core.agents.get(agentId)?.status ?? "online",
  };
}

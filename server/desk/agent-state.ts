// Live state of one agent account, as the desk keeps it (its own module, so estimates and the core share it
// without importing each other).
import type { ConversationId } from "../protocol/ids.js";
import type { AgentStatus } from "../protocol/views.js";
import type { AgentRecord } from "../store/port.js";

export interface AgentState {
  record: AgentRecord;
  sockets: number;
  status: AgentStatus;
  idleSince: number;
  /** Cancels the pending hand-back after a disconnect. */
  cancelGrace: (() => void) | null;
  /** Open conversations assigned to them. */
  assigned: Set<ConversationId>;
}


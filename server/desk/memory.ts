// What the desk remembers beyond the store's records and must keep when it moves to another node: agents' chosen
// Status (Away stays Away) and the measured handle times behind the wait estimates. One node keeps them in memory for
// its lifetime; on a cluster the desk writes them to Redis (server/cluster/desk-memory.ts) and the next holder
// loads them when it takes the lease.
import type { HandleSample } from "../domain/eta.js";
import type { AgentId, LanguageCode } from "../protocol/ids.js";
import type { AgentStatus } from "../protocol/views.js";

export interface DeskMemoryState {
  statuses: [AgentId, AgentStatus][];
  /** Recent handle times per language, oldest first (seconds, and when each chat ended). */
  handleTimes: [LanguageCode, HandleSample[]][];
}

export interface DeskMemory {
  load(): Promise<DeskMemoryState>;
  /** Written before the status takes effect: a status the next holder would not know is refused. */
  saveStatus(agentId: AgentId, status: AgentStatus): Promise<void>;
  /** One more finished chat; `window` is how many the desk keeps per language. */
  saveHandleTime(language: LanguageCode, sample: HandleSample, window: number): Promise<void>;
}

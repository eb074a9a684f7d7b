// What every group of actions shares: the state, the ports and the injected clock and ids.
import type { AgentTransport, AuthApi, Timers } from "./ports.js";
import type { ConsoleState } from "./state.js";

/** Shared by the console's action modules. */
export interface ModelContext {
  state: ConsoleState;
  transport: AgentTransport;
  auth: AuthApi;
  timers: Timers;
  now(): number;
  /** A new client message id (a UUID). */
  newId(): string;
}

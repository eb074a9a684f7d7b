// What the console model needs from the outside world: the session HTTP API and the /agent socket.
// The browser adapters live in console/api.ts and console/connection.ts; tests inject fakes.
import type {
  AckError,
  AckFn,
  AgentClientEvents,
  AgentSelfView,
  AgentServerEvents,
  ErrorCode,
} from "../../server/protocol/index.js";

/** A client→server event name of the agent namespace. */
export type AgentRequestName = keyof AgentClientEvents;

/** The payload an agent request carries. */
export type RequestPayload<E extends AgentRequestName> = Parameters<AgentClientEvents[E]>[0];

/** The `data` of a successful ack for an agent request. */
export type ResponseData<E extends AgentRequestName> =
  Parameters<AgentClientEvents[E]>[1] extends AckFn<infer T> ? T : never;

/** Failures that happen on this side of the wire: no ack in time, or no connection to send on. */
export interface LocalFailure {
  ok: false;
  error: "timeout" | "disconnected";
  message: string;
}

/** The outcome of a request: the server's ack, or a local failure. Never a rejected promise. */
export type RequestResult<T> = { ok: true; data: T } | AckError | LocalFailure;

/** Any error code a request can end with. */
export type RequestError = ErrorCode | LocalFailure["error"];

/** How the socket is doing, as the transport reports it. */
export type TransportSignal = "connected" | "reconnecting" | "unauthorized";

/** Everything a transport tells its listener. */
export interface TransportListener {
  /** Connection changes. `unauthorized` means the session is gone: the transport has stopped. */
  connection(signal: TransportSignal): void;
  /** Server→agent events, one handler per event. */
  events: AgentServerEvents;
}

/** The /agent Socket.IO connection, reduced to what the model uses. */
export interface AgentTransport {
  /** Starts connecting (the session cookie authenticates); reconnects on its own until `close`. */
  open(listener: TransportListener): void;
  /** Disconnects and stops reconnecting. */
  close(): void;
  /** Whether a request sent now would reach the server. */
  isConnected(): boolean;
  /** Sends one acknowledged event. Resolves with the ack or a local failure; never rejects. */
  request<E extends AgentRequestName>(event: E, payload: RequestPayload<E>): Promise<RequestResult<ResponseData<E>>>;
}

/** The outcome of an HTTP auth call: the signed-in agent, or why not. */
export type AuthResult =
  | { ok: true; agent: AgentSelfView }
  | { ok: false; error: ErrorCode | "network"; message: string };

/** The session endpoints under /api/auth. */
export interface AuthApi {
  /** The agent of the current session cookie (`unauthorized` when there is none). */
  me(): Promise<AuthResult>;
  login(email: string, password: string): Promise<AuthResult>;
  /** Ends the session; failures are ignored by callers (the cookie is httpOnly). */
  logout(): Promise<void>;
}

/** Timer functions, injected so tests can drive time. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

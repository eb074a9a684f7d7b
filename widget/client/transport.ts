// The connection: credentials, the Socket.IO socket of the visitor namespace, reconnects, and requests
// with an ack timeout. Knows nothing about conversations.
import type { ManagerOptions, Socket, SocketOptions } from "socket.io-client";
import type { AckFn, VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/index.js";
import { backoffDelay, retrying, sleep, type BackoffOptions } from "./backoff.js";
import { clearCredentials, loadCredentials, registerVisitor } from "./credentials.js";
import type { StoragePort } from "./storage.js";
import type { ClientError, ConnectionStatus } from "./types.js";

/** A socket of the visitor namespace, typed by the shared event maps. */
export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
/** Creates a socket; the default is socket.io-client's `io`, fetched on first use. */
export type IoFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => VisitorSocket | Promise<VisitorSocket>;
type ClientEvent = keyof VisitorClientEvents;
/** The payload of a visitor → server event. */
export type PayloadOf<E extends ClientEvent> = Parameters<VisitorClientEvents[E]>[0];
/** The success data of a visitor → server event's ack. */
export type DataOf<E extends ClientEvent> = Parameters<VisitorClientEvents[E]>[1] extends AckFn<infer T> ? T : never;
/** An ack as the client sees it: the server's, or a timeout/offline error. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: ClientError };

/** What {@link createTransport} needs. */
export interface TransportDeps {
  baseUrl: string;
  storage: StoragePort;
  fetch: typeof fetch;
  io: IoFactory;
  ackTimeoutMs: number;
  backoff: BackoffOptions;
  onStatus(status: ConnectionStatus): void;
  /** Called after every (re)connection. */
  onConnect(): void;
}

/** The connection to the visitor namespace. */
export interface Transport {
  start(): void;
  stop(): void;
  /** Reconnects now with the stored credentials (they changed: a verified identity). */
  reconnect(): void;
  /** Emits with an ack and a timeout; `offline` at once when not connected. Never rejects. */
  request<E extends ClientEvent>(event: E, payload: PayloadOf<E>): Promise<Reply<DataOf<E>>>;
  /** Listens to a server event (on this and every later socket). */
  on<E extends keyof VisitorServerEvents>(event: E, handler: VisitorServerEvents[E]): void;
}

/**
 * The default socket factory. Socket.IO is imported when the first connection is made, so that a chat panel opened
 * only to look (or to read Help) does not download it: in the browser it is a separate chunk.
 */
export const defaultIo: IoFactory = async (url, options) => (await import("socket.io-client")).io(url, options);

function toReply<T>(raw: unknown): Reply<T> {
  const r = raw as { ok?: unknown; data?: T; error?: unknown; message?: unknown } | null;
  if (r && r.ok === true) return { ok: true, data: r.data as T };
  const code = r && typeof r.error === "string" ? (r.error as ClientError["code"]) : "internal";
  return { ok: false, error: { code, message: r && typeof r.message === "string" ? r.message : "bad ack" } };
}

/** Creates the transport; nothing happens until `start()`. */
export function createTransport(deps: TransportDeps): Transport {
  const listeners: [string, (...args: never[]) => void][] = [];
  let socket: VisitorSocket | null = null;
  let abort: AbortController | null = null;
  let attempt = 0;

  let registering: ReturnType<typeof registerVisitor> | null = null;
  // One registration at a time, however many connection attempts were refused meanwhile.
  const register = (signal: AbortSignal) =>
    (registering ??= registerVisitor({ ...deps, signal }).finally(() => (registering = null)));
  const connectLater = async (signal: AbortSignal) => {
    if (await sleep(backoffDelay(attempt++, deps.backoff), signal)) socket?.connect();
  };

  async function open(signal: AbortSignal): Promise<void> {
    deps.onStatus("connecting");
    if (!loadCredentials(deps.storage) && !(await register(signal))) return;
    if (signal.aborted) return;
    const s = await retrying(async () =>
      deps.io(`${deps.baseUrl}/visitor`, {
        autoConnect: false,
        auth: (cb) => cb(loadCredentials(deps.storage) ?? {}),
        reconnectionDelay: deps.backoff.baseMs * 2,
        reconnectionDelayMax: deps.backoff.maxMs,
        // A WebSocket at once (no long-polling handshake and upgrade: 7 requests fewer on the first message), and
        // long-polling where a WebSocket cannot be opened.
        transports: ["websocket", "polling"],
        tryAllTransports: true,
      }),
    deps.backoff);
    if (signal.aborted) return;
    socket = s;
    for (const [event, handler] of listeners) s.on(event as keyof VisitorServerEvents, handler as never);
    let connectedOnce = false;
    s.on("connect", () => {
      connectedOnce = true;
      attempt = 0;
      deps.onStatus("connected");
      deps.onConnect();
    });
    s.on("disconnect", (reason) => {
      deps.onStatus("reconnecting");
      // After a server-side disconnect Socket.IO does not reconnect by itself.
      if (reason === "io server disconnect") void connectLater(signal);
    });
    s.on("connect_error", (err) => {
      deps.onStatus(connectedOnce ? "reconnecting" : "connecting");
      if (err.message === "unauthorized") {
        clearCredentials(deps.storage);
        void register(signal).then((creds) => creds && !signal.aborted && s.connect());
      } else if (!s.active) {
        void connectLater(signal);
      }
    });
    s.connect();
  }

  return {
    start() {
      if (abort) return;
      abort = new AbortController();
      void open(abort.signal);
    },
    stop() {
      abort?.abort();
      abort = null;
      socket?.off();
      socket?.disconnect();
      socket = null;
      deps.onStatus("idle");
    },
    reconnect() {
      if (!socket) return;
      socket.disconnect();
      socket.connect();
    },
    async request(event, payload) {
      const s = socket;
      if (!s?.connected) return { ok: false, error: { code: "offline", message: "not connected" } };
      const timed = s.timeout(deps.ackTimeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> };
      try {
        return toReply(await timed.emitWithAck(event, payload));
      } catch {
        return { ok: false, error: { code: "timeout", message: `no ack for ${event} within ${deps.ackTimeoutMs} ms` } };
      }
    },
    on(event, handler) {
      listeners.push([event, handler as (...args: never[]) => void]);
      socket?.on(event, handler as never);
    },
  };
}

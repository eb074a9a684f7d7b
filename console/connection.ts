// The /agent Socket.IO connection (same origin, session cookie). Socket.IO reconnects after network
// failures by itself; when the server refuses or drops the socket, it stays down unless reconnected here.
import { io, type Socket } from "socket.io-client";
import type { AgentClientEvents, AgentServerEvents } from "../server/protocol/index.js";
import type { AgentTransport, RequestResult, ResponseData, TransportListener } from "./model/ports.js";

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** Every server→agent event name; the `satisfies` check fails to compile when one is missing. */
const SERVER_EVENT_SET = {
  "agent:updated": true,
  "conversation:assigned": true,
  "conversation:updated": true,
  "conversation:unassigned": true,
  "message:created": true,
  "typing:changed": true,
  "note:created": true,
  "conversation:seen": true,
  "board:updated": true,
} satisfies Record<keyof AgentServerEvents, true>;
const SERVER_EVENTS = Object.keys(SERVER_EVENT_SET) as (keyof AgentServerEvents)[];

function isAck(reply: unknown): boolean {
  return typeof reply === "object" && reply !== null && typeof (reply as { ok?: unknown }).ok === "boolean";
}

/** Transport settings. */
export interface SocketTransportOptions {
  /** How long to wait for an ack. */
  timeoutMs?: number;
  /** Longest pause between reconnects after the server refused or dropped the socket. */
  maxRetryMs?: number;
}

/** Creates the browser's agent transport. The socket is made on the first `open`. */
export function createSocketTransport(options: SocketTransportOptions = {}): AgentTransport {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  let socket: AgentSocket | null = null;
  let listener: TransportListener | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = 1000;

  function retryLater(s: AgentSocket): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (listener) s.connect();
    }, retryMs * (0.75 + Math.random() / 2));
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }

  function create(): AgentSocket {
    const s: AgentSocket = io("/agent", { withCredentials: true, autoConnect: false });
    s.on("connect", () => {
      retryMs = 1000;
      listener?.connection("connected");
    });
    s.on("disconnect", (reason) => {
      if (reason === "io client disconnect" || !listener) return;
      listener.connection("reconnecting");
      if (!s.active) retryLater(s);
    });
    s.on("connect_error", (error) => {
      if (!listener) return;
      if (error.message === "unauthorized") {
        clearTimeout(retryTimer);
        s.disconnect();
        listener.connection("unauthorized");
        return;
      }
      listener.connection("reconnecting");
      if (!s.active) retryLater(s);
    });
    // One registration per server event, forwarded to whoever is listening now. The cast is needed
    // because TypeScript cannot pair a union of event names with the matching handler.
    const loose = s as unknown as { on(event: string, handler: (payload: unknown) => void): void };
    for (const name of SERVER_EVENTS) {
      loose.on(name, (payload) => (listener?.events[name] as ((p: unknown) => void) | undefined)?.(payload));
    }
    return s;
  }

  return {
    open(next) {
      listener = next;
      socket ??= create();
      if (!socket.connected) socket.connect();
    },
    close() {
      listener = null;
      clearTimeout(retryTimer);
      socket?.disconnect();
    },
    isConnected: () => socket?.connected ?? false,
    async request(event, payload) {
      const s = socket;
      if (!s?.connected) return { ok: false, error: "disconnected", message: "Not connected" };
      try {
        // Typed per event by AgentTransport; Socket.IO's own typing cannot follow a generic event name.
        const timed = s.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> };
        const reply = await timed.emitWithAck(event, payload);
        if (isAck(reply)) return reply as RequestResult<ResponseData<typeof event>>;
        return { ok: false, error: "internal", message: "Malformed reply" };
      } catch {
        return s.connected
          ? { ok: false, error: "timeout", message: "No reply in time" }
          : { ok: false, error: "disconnected", message: "Connection lost" };
      }
    },
  };
}

// Real socket.io-client sockets for the load process, each bound to its own loopback source address.
import { io, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import type { AgentClientEvents, AgentServerEvents, VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/events.js";

export type CustomerSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/**
 * engine.io-client hands `localAddress` (and `agent`, `extraHeaders`…) to the `ws` WebSocket it creates in Node
 * (transports/websocket.js picks it from the options), and `ws` passes it to `http.request`: the connection then
 * comes from that address. Its option types do not list it, hence the widened type.
 */
type BoundOptions = Partial<ManagerOptions & SocketOptions> & { localAddress: string };

/** Opens a socket; `listen` adds its listeners before it connects (the server may emit on connection). */
function open<T extends Socket>(url: string, options: BoundOptions, listen: (socket: T) => void): Promise<T> {
  // WebSocket from the start (no polling upgrade) and no reconnection: a dropped socket is counted, not hidden.
  const socket = io(url, { ...options, transports: ["websocket"], forceNew: true, reconnection: false, timeout: 60_000, autoConnect: false } as BoundOptions) as T;
  listen(socket);
  socket.connect();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error: Error) => {
      socket.close();
      reject(new Error(`${url} refused a socket from ${options.localAddress}: ${error.message}`));
    });
  });
}

export const openCustomer = (url: string, auth: { visitorId: string; token: string }, localAddress: string, listen: (socket: CustomerSocket) => void) =>
  open<CustomerSocket>(`${url}/visitor`, { auth, localAddress }, listen);

export const openAgent = (url: string, cookie: string, localAddress: string, listen: (socket: AgentSocket) => void) =>
  open<AgentSocket>(`${url}/agent`, { extraHeaders: { cookie }, localAddress }, listen);

/** Runs `task` over `items` with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

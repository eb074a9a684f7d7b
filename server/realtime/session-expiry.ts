// Agent sockets end with their session (SESSION_TTL_HOURS), as they do on sign-out: every event is checked
// against the session's expiry, and a sweep disconnects sockets whose session has run out while they were quiet.
import type { Socket } from "socket.io";
import { fail } from "../desk/result.js";

interface ExpiringSocket {
  data: { expiresAt: number };
  connected: boolean;
  disconnect(close: boolean): unknown;
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
}

/** Guards one socket: an event after expiry is answered `unauthorized` and the socket dropped. */
export function guardExpiry(socket: ExpiringSocket, now: () => number): void {
  socket.use((packet, next) => {
    if (now() < socket.data.expiresAt) return next();
    const ack = packet.at(-1);
    if (typeof ack === "function") (ack as (v: unknown) => void)(fail("unauthorized", "Your session has expired; sign in again"));
    socket.disconnect(true);
  });
}

/** Disconnects every socket whose session has expired; run it on a short interval. */
export function sweepExpired(sockets: Iterable<Pick<Socket, "disconnect"> & { data: { expiresAt: number } }>, now: () => number): number {
  let dropped = 0;
  const t = now();
  for (const socket of sockets) {
    if (t >= socket.data.expiresAt) {
      socket.disconnect(true);
      dropped++;
    }
  }
  return dropped;
}

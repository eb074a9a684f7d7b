// Slow consumers: a client that stops reading its connection makes everything the server sends it wait in the
// server's memory (Engine.IO's write buffer while the transport is busy, then the socket's own buffer), without
// limit and until the heartbeat gives up. This counts, per connection, the bytes queued since Engine.IO last handed
// its buffer to the transport — which it does only once the transport has written the previous batch out to the
// kernel — and closes the connection (discarding what waits) once they pass the limit. What one connection holds is
// then at most that batch plus the limit: about twice the limit.
import type { Server } from "socket.io";

interface EnginePacket {
  data?: unknown;
}

/** Bytes of one Engine.IO packet as it will be written (Socket.IO hands Engine.IO encoded strings or buffers). */
function packetBytes(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === "string") return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

interface EngineConnection {
  writeBuffer: EnginePacket[];
  on(event: "packetCreate", fn: (packet: EnginePacket) => void): void;
  on(event: "drain" | "close", fn: () => void): void;
  close(discard?: boolean): void;
  transport?: { socket?: { _socket?: { destroy(): void } } };
}

/** Closes any connection of `io` that has more than `maxBytes` waiting to be written. */
export function limitBufferedBytes(io: Server, maxBytes: number): void {
  io.engine.on("connection", (conn: EngineConnection) => {
    let waiting = 0;
    let closed = false;
    conn.on("packetCreate", (packet) => {
      if (closed) return;
      waiting += packetBytes(packet);
      if (waiting <= maxBytes) return;
      closed = true;
      conn.close(true);
      // A WebSocket close frame would wait behind the unread data: drop the TCP connection, and the memory, now.
      conn.transport?.socket?._socket?.destroy();
    });
    // Engine.IO emits "drain" when it hands its buffer to the transport: what waits now is what arrived since.
    conn.on("drain", () => {
      waiting = conn.writeBuffer.reduce((sum, p) => sum + packetBytes(p), 0);
    });
    conn.on("close", () => {
      closed = true;
    });
  });
}

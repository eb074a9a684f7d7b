// A bare WebSocket client over node:net for sending Engine.IO / Socket.IO frames that no real client would send
// (malformed packets, wrong order). Text frames only; it records what the server sends and when it closes.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface RawWebSocket {
  /** Text frames received so far (Engine.IO packets such as `0{"sid":…}` or `40/visitor,{…}`). */
  received: string[];
  /** Resolves when the server closes the connection (close frame or TCP end). */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Sends one text frame (masked, as a client must). */
  send(text: string): void;
  /** Sends one binary frame. */
  sendBinary(data: Buffer): void;
  /** Waits until a received frame matches. */
  waitFor(match: (frame: string) => boolean, ms?: number): Promise<string>;
  destroy(): void;
}

/** Opens `ws://<host>/socket.io/?EIO=4&transport=websocket` on the server at `url` and waits for the Engine.IO open packet. */
export async function openRawWebSocket(url: string): Promise<RawWebSocket> {
  const target = new URL(url);
  const socket: Socket = connect(Number(target.port), target.hostname);
  const key = randomBytes(16).toString("base64");
  const received: string[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  let resolveClosed!: () => void;
  const closedPromise = new Promise<void>((resolve) => (resolveClosed = resolve));
  const markClosed = () => {
    if (closed) return;
    closed = true;
    resolveClosed();
    for (const w of waiters) w();
  };
  socket.on("close", markClosed);
  socket.on("end", markClosed);
  socket.on("error", markClosed);

  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const upgradedPromise = new Promise<void>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString("latin1");
        if (!head.startsWith("HTTP/1.1 101")) return reject(new Error(`no upgrade: ${head.split("\r\n")[0]}`));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve();
      }
      // Server frames are not masked.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        if (opcode === 0x8) markClosed();
        else if (opcode === 0x1) received.push(payload.toString("utf8"));
        for (const w of waiters) w();
      }
    });
    socket.once("close", () => reject(new Error("closed before the upgrade")));
  });

  socket.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await upgradedPromise;

  const frame = (opcode: number, payload: Buffer) => {
    const mask = randomBytes(4);
    const header =
      payload.length < 126
        ? Buffer.from([0x80 | opcode, 0x80 | payload.length])
        : payload.length < 65536
          ? Buffer.from([0x80 | opcode, 0x80 | 126, payload.length >> 8, payload.length & 0xff])
          : (() => {
              const h = Buffer.alloc(10);
              h[0] = 0x80 | opcode;
              h[1] = 0x80 | 127;
              h.writeBigUInt64BE(BigInt(payload.length), 2);
              return h;
            })();
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    if (!socket.destroyed) socket.write(Buffer.concat([header, mask, masked]));
  };

  const raw: RawWebSocket = {
    received,
    closed: closedPromise,
    isClosed: () => closed,
    send: (text) => frame(0x1, Buffer.from(text, "utf8")),
    sendBinary: (data) => frame(0x2, data),
    waitFor: (match, ms = 5000) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const hit = received.find(match);
          if (hit !== undefined) {
            done();
            resolve(hit);
          } else if (closed) {
            done();
            reject(new Error(`closed without a matching frame; got ${JSON.stringify(received)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching frame in ${ms} ms; got ${JSON.stringify(received)}`));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    destroy: () => socket.destroy(),
  };
  await raw.waitFor((f) => f.startsWith("0{"));
  return raw;
}

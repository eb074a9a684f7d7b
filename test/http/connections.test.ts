// Finding 12: slow clients are cut off by the configured timeouts, and one address holds a bounded number of connections.
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer({
  env: { HEADERS_TIMEOUT_SECONDS: "0.3", REQUEST_TIMEOUT_SECONDS: "60", UPLOAD_IDLE_SECONDS: "0.3", MAX_CONNECTIONS_PER_ADDRESS: "3" },
});

const sockets: Socket[] = [];
async function open(): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { port } = new URL(server().url);
  const socket = connect(Number(port), "127.0.0.1");
  sockets.push(socket);
  socket.on("error", () => undefined);
  let received = "";
  socket.on("data", (d) => (received += d));
  const closed = new Promise<string>((resolve) => socket.once("close", () => resolve(received)));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("close", () => reject(new Error("closed before connecting")));
  });
  return { socket, closed };
}

describe("connection limits", () => {
  it("closes the connection of a client that never finishes its request headers", async () => {
    const { socket, closed } = await open();
    socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    const received = await closed;
    expect(received === "" || received.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("refuses an upload that stops sending, and closes its connection", async () => {
    const { socket, closed } = await open();
    const boundary = "----parleyslow";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nslow@example.com\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    socket.write(
      `POST /api/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${server().url}\r\nX-Parley-Request: 1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 100000\r\n\r\n${head}\x89PNG`,
    );
    const received = await closed;
    expect(received).toMatch(/^HTTP\/1.1 408/);
    expect(received).toContain("upload");
  });

  it("refuses the connection beyond MAX_CONNECTIONS_PER_ADDRESS from one address, and accepts again when one closes", async () => {
    const held = [await open(), await open(), await open()];
    const extra = await open().catch(() => null);
    // The fourth is closed by the server at once (or refused before it could connect).
    if (extra) expect(await extra.closed).toBe("");
    held[0]!.socket.destroy();
    await held[0]!.closed;
    await expect.poll(async () => {
      const again = await open().catch(() => null);
      if (!again) return false;
      again.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      return (await again.closed).startsWith("HTTP/1.1 200");
    }).toBe(true);
    for (const s of sockets) s.destroy();
  });
});

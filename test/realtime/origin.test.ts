// Issue 9, finding 14: the Socket.IO handshake accepts browsers only from the configured origin (PUBLIC_URL).
// An Origin that merely equals "http://<Host header>" is refused: with DNS rebinding an attacker controls both.
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/server.js";

const PUBLIC_URL = "https://chat.example.com";
const server = useTestServer({ env: { PUBLIC_URL } });

/** A polling handshake (or a WebSocket upgrade) with these headers: true when the server accepted it. */
function handshake(headers: Record<string, string>, transport: "polling" | "websocket"): Promise<boolean> {
  const url = new URL(server().url);
  const upgrade = transport === "websocket" ? { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" } : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: `/socket.io/?EIO=4&transport=${transport}`, headers: { ...upgrade, ...headers } });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(true);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", reject);
    req.end();
  });
}

describe.each(["polling", "websocket"] as const)("the %s handshake's Origin check", (transport) => {
  it("refuses an Origin that matches a forged Host header (DNS rebinding)", async () => {
    const port = new URL(server().url).port;
    expect(await handshake({ host: `rebind.attacker.example:${port}`, origin: `http://rebind.attacker.example:${port}` }, transport)).toBe(false);
  });

  it("refuses an Origin equal to the address the server is reached at, when that is not PUBLIC_URL", async () => {
    const host = new URL(server().url).host;
    expect(await handshake({ host, origin: `http://${host}` }, transport)).toBe(false);
  });

  it("refuses another site", async () => {
    expect(await handshake({ origin: "https://evil.example" }, transport)).toBe(false);
  });

  it("accepts PUBLIC_URL's origin, whatever the Host header", async () => {
    expect(await handshake({ host: "chat.example.com", origin: PUBLIC_URL }, transport)).toBe(true);
  });

  it("accepts clients that send no Origin (apps, servers)", async () => {
    expect(await handshake({}, transport)).toBe(true);
  });
});

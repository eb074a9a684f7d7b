// A customer's socket that closes while the server is still checking its credentials gives back its places in the
// per-visitor and per-address counts. Socket.IO drops such a socket without a "disconnect" event and its connection has
// already closed, so counting it then would leak the places for good: after VISITOR_MAX_SOCKETS such tries the visitor
// (and after ADDRESS_MAX_SOCKETS everyone behind the address) could never connect again, and a waiting customer would
// look present forever.
import { afterEach, expect, it } from "vitest";
import { io } from "socket.io-client";
import { createMemoryStore } from "../../server/store/memory.js";
import type { Store } from "../../server/store/port.js";
import { closeAllSockets, connectVisitor, registerVisitor } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer | null = null;
afterEach(async () => {
  closeAllSockets();
  await server?.close();
  server = null;
});

/** A memory store whose visitor reads wait, while `hold` is on, until `release`. */
function gatedStore(): { store: Store; hold(): void; held(): number; release(): void } {
  const inner = createMemoryStore();
  let holding = false;
  let waiting: (() => void)[] = [];
  const store: Store = {
    ...inner,
    visitors: {
      ...inner.visitors,
      get: async (id) => {
        if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
        return inner.visitors.get(id);
      },
    },
  };
  return {
    store,
    hold: () => void (holding = true),
    held: () => waiting.length,
    release: () => {
      holding = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

it("gives back the places of a socket that closed while its credentials were being checked", async () => {
  const gate = gatedStore();
  server = await startTestServer({ store: gate.store, env: { VISITOR_MAX_SOCKETS: "2" } });
  const credentials = await registerVisitor(server.url);
  gate.hold();
  for (let i = 0; i < 2; i++) {
    const early = io(`${server.url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, reconnection: false });
    await expect.poll(() => gate.held()).toBe(i + 1);
    // Gone before the server answered: the connection closes while authentication still waits on the store.
    early.disconnect();
    early.io.engine?.close();
    await expect.poll(() => server!.app.io.engine.clientsCount).toBe(0);
  }
  gate.release();
  // Both tries are over once a later socket of the same visitor is through; it and one more must still fit the limit.
  await connectVisitor(server.url, credentials);
  await connectVisitor(server.url, credentials);
  expect(server.app.desk.visitors.count(credentials.visitorId)).toBe(2);
});

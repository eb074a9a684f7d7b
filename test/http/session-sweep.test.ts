// Expired agent sessions are forgotten by the server itself (at start, then hourly), not only when someone presents
// one again: a session nobody uses again would otherwise stay in the store for ever.
import { afterEach, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

it("removes expired sessions it finds in the store and keeps the live ones", async () => {
  const store = createMemoryStore();
  const base = { agentId: "a_gone", credential: "ef".repeat(32), createdAt: Date.now() - 86_400_000 };
  await store.sessions.put({ ...base, id: "a1".repeat(32), expiresAt: Date.now() - 1000 });
  await store.sessions.put({ ...base, id: "b2".repeat(32), expiresAt: Date.now() + 3_600_000 });
  server = await startTestServer({ store });
  await expect.poll(async () => store.sessions.get("a1".repeat(32))).toBeNull();
  expect(await store.sessions.get("b2".repeat(32))).not.toBeNull();
});

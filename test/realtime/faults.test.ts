// Faults at the socket boundary: the store failing (disk full), and a frame larger than the buffer limit.
import { describe, expect, it } from "vitest";
import { LockLostError, LockTimeoutError } from "../../server/store/files.js";
import { createMemoryStore } from "../../server/store/memory.js";
import type { Store } from "../../server/store/port.js";
import { connectVisitor, msgId } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";
import { call, signedIn } from "../admin/helpers.js";

const diskFull = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

/**
 * A memory store whose message, conversation and agent writes fail with `fault` while it is set: the disk full
 * (ENOSPC), or a lock another process held too long or took over.
 */
function storeThatFails(): Store & { fault: Error | null } {
  const store = createMemoryStore() as Store & { fault: Error | null };
  store.fault = null;
  const failing = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (store.fault) throw store.fault;
    return write(...args);
  };
  store.agents.put = failing(store.agents.put);
  store.messages.append = failing(store.messages.append);
  store.conversations.create = failing(store.conversations.create);
  return store;
}

const faulty = storeThatFails();
const server = useTestServer({ store: faulty });

describe("faults", () => {
  it("answers storage_unavailable when the disk is full, stores nothing, and stores the retry exactly once", async () => {
    const { socket } = await connectVisitor(server().url);
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    const id = msgId();
    faulty.fault = diskFull();
    const refused = await socket.timeout(5000).emitWithAck("message:send", { conversationId, id, text: "kept in the outbox" });
    expect(refused).toMatchObject({ ok: false, error: "storage_unavailable" });
    expect(JSON.stringify(refused)).not.toContain("ENOSPC");
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
    faulty.fault = null;
    const retried = await socket.timeout(5000).emitWithAck("message:send", { conversationId, id, text: "kept in the outbox" });
    expect(retried.ok && retried.data.seq).toBe(2);
    expect((await faulty.messages.list(conversationId, 0)).filter((m) => m.id === id)).toHaveLength(1);
  });

  it("does not count a refused conversation:start against the customer's new conversations, so the retries go through", async () => {
    const { socket } = await connectVisitor(server().url);
    const start = { language: "en", message: { id: msgId(), text: "hello" } };
    faulty.fault = diskFull();
    // More tries than the burst of new conversations (3): each refused for storage, none may use the allowance up.
    for (let i = 0; i < 5; i++) expect(await socket.timeout(5000).emitWithAck("conversation:start", start)).toMatchObject({ ok: false, error: "storage_unavailable" });
    faulty.fault = null;
    const started = await socket.timeout(5000).emitWithAck("conversation:start", start);
    expect(started.ok).toBe(true);
  });

  it.each([
    ["timed out", () => new LockTimeoutError("/data/agents.json.lock", 4242)],
    ["lost", () => new LockLostError("/data/agents.json")],
  ])("answers an admin call whose store lock %s with 503 storage_unavailable and Retry-After, changing nothing", async (_, lockError) => {
    const admin = await signedIn(server(), "admin");
    const lena = { email: `lena-${msgId()}@example.com`, name: "Lena", languages: ["en"], maxChats: 2, role: "agent", password: "a-long-password" };
    faulty.fault = lockError();
    const refused = await fetch(`${server().url}/api/admin/agents`, { method: "POST", headers: { cookie: admin.cookie, "content-type": "application/json" }, body: JSON.stringify(lena) });
    faulty.fault = null;
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: false, error: "storage_unavailable" });
    expect(JSON.stringify(body)).not.toContain("agents.json");
    expect((await server().store.agents.list()).some((a) => a.email === lena.email.toLowerCase())).toBe(false);
    // The retry goes through.
    expect((await call(server(), "POST", "/api/admin/agents", admin.cookie, lena)).status).toBe(201);
  });

  it("answers a socket event whose store lock was lost with storage_unavailable, not internal", async () => {
    const { socket } = await connectVisitor(server().url);
    faulty.fault = new LockLostError("/data/conversations.json");
    const refused = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
    faulty.fault = null;
    expect(refused).toMatchObject({ ok: false, error: "storage_unavailable" });
    expect(JSON.stringify(refused)).not.toContain("conversations.json");
  });

  it("closes only the socket that sends a frame over the buffer limit", async () => {
    const big = await connectVisitor(server().url);
    const other = await connectVisitor(server().url);
    const closed = new Promise((resolve) => big.socket.once("disconnect", resolve));
    big.socket.emit("message:send", { conversationId: "c_x", id: msgId(), text: "x".repeat(1_100_000) }, () => undefined);
    await closed;
    const reply = await other.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(reply.ok).toBe(true);
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
  });
});

// Faults at the socket boundary: the store failing (disk full), and a frame larger than the buffer limit.
import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory.js";
import type { Store } from "../../server/store/port.js";
import { connectVisitor, msgId } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

/** A memory store whose message writes fail with ENOSPC while `full` is set. */
function storeThatFills(): Store & { full: boolean } {
  const store = createMemoryStore() as Store & { full: boolean };
  store.full = false;
  const append = store.messages.append;
  store.messages.append = async (conversationId, draft) => {
    if (store.full) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    return append(conversationId, draft);
  };
  const create = store.conversations.create;
  store.conversations.create = async (conversation) => {
    if (store.full) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    return create(conversation);
  };
  return store;
}

const faulty = storeThatFills();
const server = useTestServer({ store: faulty });

describe("faults", () => {
  it("answers storage_unavailable when the disk is full, stores nothing, and stores the retry exactly once", async () => {
    const { socket } = await connectVisitor(server().url);
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    const id = msgId();
    faulty.full = true;
    const refused = await socket.timeout(5000).emitWithAck("message:send", { conversationId, id, text: "kept in the outbox" });
    expect(refused).toMatchObject({ ok: false, error: "storage_unavailable" });
    expect(JSON.stringify(refused)).not.toContain("ENOSPC");
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
    faulty.full = false;
    const retried = await socket.timeout(5000).emitWithAck("message:send", { conversationId, id, text: "kept in the outbox" });
    expect(retried.ok && retried.data.seq).toBe(2);
    expect((await faulty.messages.list(conversationId, 0)).filter((m) => m.id === id)).toHaveLength(1);
  });

  it("does not count a refused conversation:start against the customer's new conversations, so the retries go through", async () => {
    const { socket } = await connectVisitor(server().url);
    const start = { language: "en", message: { id: msgId(), text: "hello" } };
    faulty.full = true;
    // More tries than the burst of new conversations (3): each refused for storage, none may use the allowance up.
    for (let i = 0; i < 5; i++) expect(await socket.timeout(5000).emitWithAck("conversation:start", start)).toMatchObject({ ok: false, error: "storage_unavailable" });
    faulty.full = false;
    const started = await socket.timeout(5000).emitWithAck("conversation:start", start);
    expect(started.ok).toBe(true);
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

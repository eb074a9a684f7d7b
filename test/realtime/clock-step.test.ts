// RELIABILITY.md §7 F22: the system clock is stepped back an hour during traffic (and forward again). The server
// runs in this process, so faking `Date` moves every wall-clock reading it makes; `performance.now()` (monotonic)
// is left alone, as a real clock step leaves it. Order stays the store's seq, the queue stays first come first
// served, message times do not go backwards, and the rate limits keep working. (A step forward is not tried here:
// socket.io-client in this same process would see it too and drop its sockets as having missed their pings.)
import { afterEach, describe, expect, it, vi } from "vitest";
import { addAgent, agentOnline, closeAllSockets, connectVisitor, msgId } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
afterEach(async () => {
  vi.useRealTimers();
  closeAllSockets();
  await server.close();
});

const HOUR = 3_600_000;

describe("a clock stepped back during traffic", () => {
  it("keeps seq order, the queue's order and the rate limits", async () => {
    server = await startTestServer({ env: { LANGUAGES: "en" } });
    const first = await connectVisitor(server.url);
    const a = await first.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "a before" } });
    if (!a.ok) throw new Error(a.error);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - HOUR });

    // Arriving "an hour earlier" does not put the second customer ahead of the first.
    const second = await connectVisitor(server.url);
    const b = await second.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "b after" } });
    if (!b.ok) throw new Error(b.error);
    expect(b.data.conversation.queue?.position).toBe(2);
    const resumed = await first.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 1 });
    expect(resumed.ok && resumed.data.conversation?.queue?.position).toBe(1);

    // Messages written after the step come after the ones before it, by seq.
    const acks = [];
    for (let i = 0; i < 3; i++) acks.push(await first.socket.timeout(5000).emitWithAck("message:send", { conversationId: a.data.conversation.id, id: msgId(), text: `a after ${i}` }));
    const seqs = acks.map((r) => (r.ok ? r.data.seq : 0));
    expect(seqs).toEqual([2, 3, 4]);
    const stored = await server.store.messages.list(a.data.conversation.id, 0);
    expect(stored.map((m) => m.text)).toEqual(["a before", "a after 0", "a after 1", "a after 2"]);
    // Nor do their timestamps go backwards, though the wall clock did.
    expect(Date.now()).toBeLessThan(stored[0]!.at);
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.at).toBeGreaterThanOrEqual(stored[i - 1]!.at);

    // The message bucket (a burst of 20, then 2 a second, per visitor) was filled before the step. Measured on the
    // wall clock it would now refill backwards for an hour (the sends above would already have been refused); on
    // the monotonic clock a burst spends it and it refills as usual.
    const conversationId = a.data.conversation.id;
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => first.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: `burst ${i}` })));
    expect(burst.some((r) => !r.ok && r.error === "rate_limited")).toBe(true);
    await expect.poll(async () => (await first.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "refilled" })).ok, { timeout: 10_000, interval: 200 }).toBe(true);
    const all = await server.store.messages.list(conversationId, 0);
    expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));

    // The first customer is served first: an agent with one slot takes the first, the second keeps waiting.
    await agentOnline(server.url, await addAgent(server.store, { languages: ["en"], maxChats: 1 }));
    const status = async (id: string) => (await server.store.conversations.get(id))?.status;
    await expect.poll(() => status(a.data.conversation.id)).toBe("assigned");
    expect(await status(b.data.conversation.id)).toBe("queued");
  });
});

// RELIABILITY.md §7 B16: a typing flood. A customer fires 300 `typing:set` as fast as the socket takes them: every
// one is acked (I5), the ones past the visitor's bucket (shared with the other cheap events) are refused
// `rate_limited` and reach nobody, the agent gets exactly one `typing:changed` per accepted event, nothing is stored,
// and the customer's messages (their own bucket) still go through at once.
import { afterEach, describe, expect, it } from "vitest";
import { addAgent, agentOnline, closeAllSockets, connectVisitor, msgId, next } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
afterEach(async () => {
  closeAllSockets();
  await server.close();
});

describe("a typing flood", () => {
  it("acks every typing event, forwards only those within the limit, stores none, and does not hold up messages", async () => {
    server = await startTestServer({ env: { LANGUAGES: "en" } });
    const agent = await agentOnline(server.url, await addAgent(server.store, { languages: ["en"] }));
    const assigned = next<{ id: string }>(agent, "conversation:assigned");
    const { socket } = await connectVisitor(server.url);
    const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    await assigned;
    let forwarded = 0;
    agent.on("typing:changed", () => forwarded++);

    const acks = await Promise.all(Array.from({ length: 300 }, (_, i) => socket.timeout(10_000).emitWithAck("typing:set", { conversationId, typing: i % 2 === 0 })));
    const accepted = acks.filter((a) => a.ok).length;
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.error === "rate_limited")).toBe(true);
    expect(accepted).toBeGreaterThan(0);
    // The bucket holds 30 and refills 10 a second: a 300-event burst cannot all pass, however slow the machine.
    expect(accepted).toBeLessThan(300);
    await expect.poll(() => forwarded).toBe(accepted);

    // Messages have their own bucket: the flood does not hold them up.
    const delivered = next(agent, "message:created");
    const sent = await socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "still here" });
    expect(sent).toMatchObject({ ok: true, data: { text: "still here" } });
    // Typing is never stored: the conversation holds the two messages and the agent's joined line only.
    expect((await server.store.messages.list(conversationId, 0)).map((m) => [m.author, m.text])).toEqual([
      ["visitor", "hi"],
      ["system", expect.any(String)],
      ["visitor", "still here"],
    ]);
    // Nothing more trickles in after the flood.
    await delivered;
    expect(forwarded).toBe(accepted);
  });
});

// Issue 10, "the protocol, complete": what a client written from docs/protocol.md alone relies on.
import { describe, expect, it } from "vitest";
import type { ConversationView, MessageView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next, startConversation, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();

type Loose = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
const raw = (socket: VisitorSocket | Loose, event: string, ...args: unknown[]) => (socket as unknown as Loose).timeout(5000).emitWithAck(event, ...args);

const start = async (socket: VisitorSocket, text = "Hello") => (await startConversation(socket, { text })).conversation;

describe("every event with an ack is answered", () => {
  it("answers unknown events, the other namespace's events and extra arguments with typed errors", async () => {
    const { socket } = await connectVisitor(server().url);
    expect(await raw(socket, "no:such:event", {})).toMatchObject({ ok: false, error: "unknown_event" });
    expect(await raw(socket, "conversation:close", { conversationId: "c_x" })).toMatchObject({ ok: false, error: "unknown_event" });
    expect(await raw(socket, "conversation:resume", { afterSeq: 0 }, "extra")).toMatchObject({ ok: false, error: "invalid_payload" });
    const agent = await addAgent(server().store);
    const agentSocket = await agentOnline(server().url, agent);
    expect(await raw(agentSocket as unknown as Loose, "conversation:start", {})).toMatchObject({ ok: false, error: "unknown_event" });
  });

  it("answers a message far over the text limit with message_too_long, not a closed socket", async () => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await start(socket);
    const reply = await socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "x".repeat(300_000) });
    expect(reply).toMatchObject({ ok: false, error: "message_too_long" });
    expect(socket.connected).toBe(true);
  });
});

describe("a customer's conversations", () => {
  it("brings back an answer given, and the close, while the customer was offline", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const first = await connectVisitor(server().url);
    const assigned = next(agentSocket, "conversation:assigned");
    const conversation = await start(first.socket);
    await assigned;
    const seen = (await first.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 })) as { ok: true; data: { messages: MessageView[] } };
    const lastSeq = seen.data.messages.at(-1)!.seq;
    first.socket.disconnect();
    await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Your refund is on its way." });
    await agentSocket.timeout(5000).emitWithAck("conversation:close", { conversationId: conversation.id });

    const back = await connectVisitor(server().url, first.credentials);
    const resumed = await back.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: lastSeq, conversationId: conversation.id });
    expect(resumed.ok && resumed.data.conversation?.status).toBe("closed");
    expect(resumed.ok && resumed.data.messages.map((m: MessageView) => m.text)).toEqual(["Your refund is on its way.", "The agent ended the chat"]);
    // Without naming it, a closed conversation is not "open" any more.
    expect(await back.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 })).toEqual({ ok: true, data: { conversation: null, messages: [], more: false } });
  });

  it("lists past conversations newest first and reads a transcript backwards a page at a time", async () => {
    const { socket, credentials } = await connectVisitor(server().url);
    const first = await start(socket, "first chat");
    await socket.timeout(5000).emitWithAck("conversation:end", { conversationId: first.id });
    const second = await start(socket, "second chat");
    for (let i = 0; i < 12; i++) await socket.timeout(5000).emitWithAck("message:send", { conversationId: second.id, id: msgId(), text: `line ${i}` });
    const list = await socket.timeout(5000).emitWithAck("conversation:list", {});
    expect(list.ok && list.data.conversations.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[second.id, "queued"], [first.id, "closed"]]);
    expect(list.ok && list.data.conversations[1]?.lastMessage?.text).toBe("first chat");

    const page1 = await socket.timeout(5000).emitWithAck("conversation:transcript", { conversationId: second.id, limit: 5 });
    expect(page1.ok && page1.data.messages.map((m: MessageView) => m.seq)).toEqual([9, 10, 11, 12, 13]);
    expect(page1.ok && page1.data.more).toBe(true);
    const page3 = await socket.timeout(5000).emitWithAck("conversation:transcript", { conversationId: second.id, beforeSeq: 4, limit: 5 });
    expect(page3.ok && page3.data).toMatchObject({ more: false });
    expect(page3.ok && page3.data.messages.map((m: MessageView) => m.seq)).toEqual([1, 2, 3]);

    // Resume pages too: a client asks again from the last message while `more` is true.
    const resumed = await socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0, limit: 10 });
    expect(resumed.ok && resumed.data.more).toBe(true);
    expect(resumed.ok && resumed.data.messages).toHaveLength(10);

    // Another visitor sees none of it.
    const stranger = await connectVisitor(server().url);
    expect(await stranger.socket.timeout(5000).emitWithAck("conversation:list", {})).toEqual({ ok: true, data: { conversations: [] } });
    expect(await stranger.socket.timeout(5000).emitWithAck("conversation:transcript", { conversationId: first.id })).toMatchObject({ ok: false, error: "not_found" });
    expect(credentials.visitorId).toBeTruthy();
  });
});

describe("state errors have their own codes", () => {
  it("answers not_queued for moving an assigned chat and not_closed for rating an open one", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const { socket } = await connectVisitor(server().url);
    const assigned = next<ConversationView>(socket, "conversation:updated", (c) => c.status === "assigned");
    const conversation = await start(socket);
    if (conversation.status !== "assigned") await assigned;
    expect(await socket.timeout(5000).emitWithAck("conversation:move", { conversationId: conversation.id, language: "en" })).toMatchObject({ ok: false, error: "not_queued" });
    expect(await socket.timeout(5000).emitWithAck("conversation:rate", { conversationId: conversation.id, score: 5 })).toMatchObject({ ok: false, error: "not_closed" });
    agentSocket.disconnect();
  });
});

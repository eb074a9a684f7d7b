import { describe, expect, it } from "vitest";
import { io } from "socket.io-client";
import { addAgent, agentOnline, connected, connectVisitor, msgId, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();

async function startChat(socket: VisitorSocket) {
  const reply = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hi" } });
  if (!reply.ok) throw new Error(reply.error);
  return reply.data.conversation;
}

/** Emits any event with any payload, bypassing the typed maps, and returns the ack. */
const raw = (socket: VisitorSocket, event: string, payload: unknown) =>
  (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean; error?: string; issues?: unknown[] }> } })
    .timeout(5000)
    .emitWithAck(event, payload);

describe("bad input on the visitor namespace", () => {
  const cases: Array<[string, string, (conversationId: string) => unknown]> = [
    ["message:send with a number as text", "message:send", (c) => ({ conversationId: c, id: msgId(), text: 42 })],
    ["message:send with an object as text", "message:send", (c) => ({ conversationId: c, id: msgId(), text: { $ne: null } })],
    ["message:send with an operator as conversation id", "message:send", () => ({ conversationId: { $regex: ".*" }, id: msgId(), text: "x" })],
    ["message:send with an array as conversation id", "message:send", () => ({ conversationId: ["a"], id: msgId(), text: "x" })],
    ["message:send with a too-short message id", "message:send", (c) => ({ conversationId: c, id: "x", text: "x" })],
    ["message:send with a lone surrogate", "message:send", (c) => ({ conversationId: c, id: msgId(), text: "a\uD800b" })],
    ["message:send with null", "message:send", () => null],
    ["message:send with a string", "message:send", () => "hello"],
    ["conversation:resume with a string seq", "conversation:resume", () => ({ afterSeq: "3" })],
    ["conversation:resume with a negative seq", "conversation:resume", () => ({ afterSeq: -1 })],
    ["conversation:resume with a huge seq", "conversation:resume", () => ({ afterSeq: 1e300 })],
    ["conversation:rate with a score of 6", "conversation:rate", (c) => ({ conversationId: c, score: 6 })],
    ["conversation:start without a message", "conversation:start", () => ({ language: "en" })],
    ["conversation:start with a script tag as language", "conversation:start", () => ({ language: "<script>", message: { id: msgId(), text: "x" } })],
    ["conversation:start with a 10 KB language", "conversation:start", () => ({ language: "e".repeat(10_000), message: { id: msgId(), text: "x" } })],
    ["conversation:start with a javascript: page URL", "conversation:start", () => ({ language: "en", pageUrl: "javascript:alert(1)", message: { id: msgId(), text: "x" } })],
    ["typing:set with a string flag", "typing:set", (c) => ({ conversationId: c, typing: "yes" })],
  ];

  it.each(cases)("refuses %s with invalid_payload and stores nothing", async (_title, event, payload) => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    const before = await server().store.messages.list(conversation.id, 0);
    const reply = await raw(socket, event, payload(conversation.id));
    expect(reply).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(reply.issues?.length).toBeGreaterThan(0);
    expect(await server().store.messages.list(conversation.id, 0)).toEqual(before);
  });

  it("refuses text over 4,000 characters with message_too_long instead of cutting it", async () => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    const reply = await socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "x".repeat(4001) });
    expect(reply).toMatchObject({ ok: false, error: "message_too_long" });
    const exact = await socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "😀".repeat(4000) });
    expect(exact.ok).toBe(true);
  });

  it("refuses empty and whitespace-only text with empty_message", async () => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    for (const text of ["", "   \n\t "]) {
      const reply = await socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text });
      expect(reply).toMatchObject({ ok: false, error: "empty_message" });
    }
  });

  it("refuses a language that is not configured without creating a queue for it", async () => {
    const { socket } = await connectVisitor(server().url);
    const reply = await socket.timeout(5000).emitWithAck("conversation:start", { language: "xx", message: { id: msgId(), text: "hi" } });
    expect(reply).toMatchObject({ ok: false, error: "unknown_language" });
    expect(server().app.desk.core.queues.languages()).toEqual([]);
  });

  it("ignores fields a client must not control (seq, author, assignee)", async () => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    const reply = await raw(socket, "message:send", { conversationId: conversation.id, id: msgId(), text: "hi", seq: 999, author: "agent", authorName: "Support" });
    expect(reply.ok).toBe(true);
    const last = await server().store.messages.last(conversation.id);
    expect(last).toMatchObject({ author: "visitor", seq: 2 });
    expect(last?.authorName).toBeUndefined();
  });

  it("stays up after events without an ack, unknown events, reserved-looking names and prototype pollution", async () => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    const loose = socket as unknown as { emit(e: string, ...a: unknown[]): void };
    loose.emit("message:send", { conversationId: conversation.id, id: msgId(), text: "no ack" });
    loose.emit("no:such:event", { a: 1 }, () => undefined);
    loose.emit("message:send", JSON.parse('{"__proto__":{"isAgent":true},"conversationId":"x","id":"abcdefgh","text":"x"}'), () => undefined);
    const reply = await raw(socket, "conversation:resume", JSON.parse('{"afterSeq":0,"__proto__":{"polluted":true}}'));
    expect(reply.ok).toBe(true);
    expect(({} as Record<string, unknown>).isAgent).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await fetch(`${server().url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("rate-limits a burst of messages with an error ack and keeps answering", async () => {
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "spam" })),
    );
    expect(replies.filter((r) => !r.ok && r.error === "rate_limited").length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.ok).length).toBeGreaterThan(0);
  });
});

describe("access control", () => {
  it("never lets a customer read or write another customer's conversation", async () => {
    const alice = await connectVisitor(server().url);
    const conversation = await startChat(alice.socket);
    const mallory = await connectVisitor(server().url);
    const m = mallory.socket;
    expect(await m.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "hi" })).toMatchObject({ ok: false, error: "not_found" });
    expect(await m.timeout(5000).emitWithAck("conversation:end", { conversationId: conversation.id })).toMatchObject({ ok: false, error: "not_found" });
    expect(await m.timeout(5000).emitWithAck("typing:set", { conversationId: conversation.id, typing: true })).toMatchObject({ ok: false, error: "not_found" });
    expect(await m.timeout(5000).emitWithAck("conversation:rate", { conversationId: conversation.id, score: 1 })).toMatchObject({ ok: false, error: "not_found" });
    const resumed = await m.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed).toEqual({ ok: true, data: { conversation: null, messages: [], more: false } });
    expect(await server().store.messages.lastSeq(conversation.id)).toBe(1);
  });

  it("refuses a visitor socket with a wrong token or another visitor's token", async () => {
    const alice = await connectVisitor(server().url);
    const bob = await connectVisitor(server().url);
    for (const auth of [{}, { visitorId: alice.credentials.visitorId, token: bob.credentials.token }, { visitorId: { $ne: null }, token: "x" }]) {
      const socket = io(`${server().url}/visitor`, { auth, transports: ["websocket"], forceNew: true, reconnection: false });
      await expect(connected(socket)).rejects.toThrow("unauthorized");
      socket.disconnect();
    }
  });

  it("refuses an agent socket without a valid session", async () => {
    for (const headers of [{}, { cookie: "parley_session=forged" }] as Array<Record<string, string>>) {
      const socket = io(`${server().url}/agent`, { extraHeaders: headers, transports: ["websocket"], forceNew: true, reconnection: false });
      await expect(connected(socket)).rejects.toThrow("unauthorized");
      socket.disconnect();
    }
  });

  it("refuses a browser handshake from another origin (cross-site WebSocket hijacking)", async () => {
    // Good credentials, so only the Origin check can refuse it; the same credentials from Parley's origin connect.
    const { credentials, socket: own } = await connectVisitor(server().url);
    own.disconnect();
    const open = (origin: string) => io(`${server().url}/visitor`, { auth: credentials, transports: ["polling"], forceNew: true, reconnection: false, extraHeaders: { origin } });
    const evil = open("https://evil.example");
    await expect(connected(evil)).rejects.toThrow();
    evil.disconnect();
    const same = open(server().config.publicUrl);
    await connected(same);
    expect(same.connected).toBe(true);
    same.disconnect();
  });

  it("lets an agent act only on conversations assigned to them", async () => {
    const owner = await addAgent(server().store, { languages: ["en"], maxChats: 1 });
    const other = await addAgent(server().store, { languages: ["en"] });
    const ownerSocket = await agentOnline(server().url, owner);
    const { socket } = await connectVisitor(server().url);
    const conversation = await startChat(socket);
    await expect.poll(async () => (await server().store.conversations.get(conversation.id))?.assigneeId).toBe(owner.id);
    const otherSocket = await agentOnline(server().url, other);
    const ref = { conversationId: conversation.id };
    expect(await otherSocket.timeout(5000).emitWithAck("message:send", { ...ref, id: msgId(), text: "hijack" })).toMatchObject({ ok: false, error: "not_found" });
    expect(await otherSocket.timeout(5000).emitWithAck("conversation:history", { ...ref, afterSeq: 0 })).toMatchObject({ ok: false, error: "not_found" });
    expect(await otherSocket.timeout(5000).emitWithAck("conversation:close", ref)).toMatchObject({ ok: false, error: "not_found" });
    expect((await server().store.conversations.get(conversation.id))?.status).toBe("assigned");
    expect(ownerSocket.connected).toBe(true);
  });
});

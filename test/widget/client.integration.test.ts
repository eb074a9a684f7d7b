import { io } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/views.js";
import { createChatClient } from "../../widget/client/client.js";
import { createMemoryStorage, type StoragePort } from "../../widget/client/storage.js";
import type { ChatClient, ChatState } from "../../widget/client/types.js";
import type { IoFactory } from "../../widget/client/transport.js";
import { addAgent, agentOnline, closeAllSockets, msgId, next } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
const clients: ChatClient[] = [];
const websocketOnly: IoFactory = (url, options) => io(url, { ...options, transports: ["websocket"], forceNew: true });

function newClient(storage: StoragePort = createMemoryStorage()): ChatClient {
  const client = createChatClient({ baseUrl: server.url, storage, io: websocketOnly, ackTimeoutMs: 3000, backoff: { baseMs: 20, maxMs: 200 } });
  clients.push(client);
  return client;
}

/** Resolves with the first state (current or future) that satisfies `accept`. */
function until(client: ChatClient, accept: (s: ChatState) => boolean, ms = 8000): Promise<ChatState> {
  return new Promise((resolve, reject) => {
    if (accept(client.getState())) return resolve(client.getState());
    const timer = setTimeout(() => (stop(), reject(new Error(`state never matched: ${JSON.stringify(client.getState())}`))), ms);
    const stop = client.subscribe((s) => {
      if (!accept(s)) return;
      clearTimeout(timer);
      stop();
      resolve(s);
    });
  });
}
const texts = (s: ChatState) => s.messages.filter((m) => m.author === "visitor").map((m) => m.text);

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  closeAllSockets();
  await server.close();
});

describe("headless chat client against the real server", () => {
  it("keeps two visitors' conversations apart", async () => {
    const ann = newClient();
    const bob = newClient();
    const bobSaw: MessageView[] = [];
    bob.on("message", (m) => bobSaw.push(m));
    ann.start();
    bob.start();
    ann.startChat({ language: "en", name: "Ann", text: "Ann's secret order 1234" });
    bob.startChat({ language: "en", name: "Bob", text: "Bob here" });
    const a = await until(ann, (s) => texts(s).length === 1 && s.pending.length === 0);
    const b = await until(bob, (s) => texts(s).length === 1 && s.pending.length === 0);
    expect(a.conversation?.id).not.toBe(b.conversation?.id);
    ann.send("Ann again");
    await until(ann, (s) => texts(s).includes("Ann again"));
    expect(texts(bob.getState())).toEqual(["Bob here"]);
    expect(bobSaw.every((m) => m.conversationId === b.conversation?.id)).toBe(true);
  });

  it("flushes messages typed while disconnected, in order, once each, after reconnecting", async () => {
    const client = newClient();
    client.start();
    client.startChat({ language: "en", text: "first" });
    const started = await until(client, (s) => texts(s).length === 1 && s.connection === "connected");
    server.app.io.of("/visitor").disconnectSockets();
    await until(client, (s) => s.connection !== "connected");
    for (const text of ["two", "three", "four"]) client.send(text);
    const done = await until(client, (s) => texts(s).length === 4 && s.pending.length === 0);
    expect(texts(done)).toEqual(["first", "two", "three", "four"]);
    const stored = await server.store.messages.list(started.conversation!.id, 0);
    expect(stored.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["first", "two", "three", "four"]);
  });

  it("sends messages queued before a reload once the new instance comes online (F7)", async () => {
    const storage = createMemoryStorage();
    const offline = newClient(storage);
    // Never started: the page was offline the whole time.
    offline.startChat({ language: "en", name: "Ada", text: "one" });
    offline.send("two");
    offline.send("three");
    expect(offline.getState().pending.map((p) => p.text)).toEqual(["one", "two", "three"]);

    const reloaded = newClient(storage);
    reloaded.start();
    const done = await until(reloaded, (s) => texts(s).length === 3 && s.pending.length === 0);
    expect(texts(done)).toEqual(["one", "two", "three"]);
    const stored = await server.store.messages.list(done.conversation!.id, 0);
    expect(stored.filter((m) => m.author === "visitor").map((m) => m.text)).toEqual(["one", "two", "three"]);
  });

  it("resumes the open conversation in a new instance on the same storage, with what it missed", async () => {
    const agent = await addAgent(server.store, { languages: ["en"], name: "Alex" });
    const agentSocket = await agentOnline(server.url, agent);
    const storage = createMemoryStorage();
    const before = newClient(storage);
    before.start();
    const assigned = next<{ id: string }>(agentSocket, "conversation:assigned");
    before.startChat({ language: "en", text: "hello" });
    const conversationId = (await assigned).id;
    await until(before, (s) => s.conversation?.status === "assigned" && s.pending.length === 0);
    before.stop();

    const sent = await agentSocket.timeout(3000).emitWithAck("message:send", { conversationId, id: msgId(), text: "Hi, Alex here" });
    expect(sent.ok).toBe(true);
    const after = newClient(storage);
    expect(after.getState().conversation?.id).toBe(conversationId);
    after.start();
    const resumed = await until(after, (s) => s.messages.some((m) => m.text === "Hi, Alex here"));
    expect(resumed.conversation).toMatchObject({ id: conversationId, status: "assigned", agentName: "Alex" });
    const seqs = resumed.messages.map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it("marks a message the server refuses for good as failed and keeps the queue moving", async () => {
    const client = newClient();
    client.start();
    client.startChat({ language: "en", text: "hi" });
    await until(client, (s) => texts(s).length === 1);
    client.send("x".repeat(server.config.maxMessageLength + 1));
    client.send("after");
    const s = await until(client, (st) => texts(st).includes("after"));
    expect(s.pending).toHaveLength(1);
    expect(s.pending[0]).toMatchObject({ status: "failed", error: { code: "message_too_long" } });
  });

  it("registers anew when the stored credentials are refused", async () => {
    const storage = createMemoryStorage({ "parley.visitor": JSON.stringify({ visitorId: "v_gone", token: "nope" }) });
    const client = newClient(storage);
    client.start();
    await until(client, (s) => s.connection === "connected");
    expect(JSON.parse(storage.get("parley.visitor")!).visitorId).not.toBe("v_gone");
  });

  it("ends and rates the chat", async () => {
    const client = newClient();
    client.start();
    client.startChat({ language: "en", text: "bye soon" });
    await until(client, (s) => texts(s).length === 1 && s.connection === "connected");
    expect(await client.end()).toEqual({ ok: true });
    expect(client.getState().conversation).toMatchObject({ status: "closed", closedBy: "visitor" });
    expect(await client.rate(4, "Helpful")).toEqual({ ok: true });
    expect(client.getState().conversation?.rated).toBe(true);
    client.newChat();
    expect(client.getState()).toMatchObject({ conversation: null, messages: [] });
  });
});

// RELIABILITY.md §7 L9: HTTP long-polling only (a proxy that does not pass WebSockets). A customer and an agent on
// `transports: ["polling"]` chat both ways with the same guarantees as over WebSocket: acks, order by seq, a retried
// message stored once, and a reconnecting customer resumed with exactly what they missed.
import { io, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentClientEvents, AgentServerEvents, VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/events.js";
import type { MessageView, VisitorCredentials } from "../../server/protocol/views.js";
import { addAgent, connected, msgId, next, registerVisitor, signIn } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

async function pollingVisitor(credentials: VisitorCredentials): Promise<Socket<VisitorServerEvents, VisitorClientEvents>> {
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${server.url}/visitor`, { auth: { ...credentials }, transports: ["polling"], forceNew: true, reconnection: false });
  sockets.push(socket);
  await connected(socket);
  return socket;
}

describe("polling-only transport", () => {
  it("chats both ways over long-polling with acks, order, dedupe and resume", async () => {
    server = await startTestServer({ env: { LANGUAGES: "en" } });
    const account = await addAgent(server.store, { languages: ["en"] });
    const agent: Socket<AgentServerEvents, AgentClientEvents> = io(`${server.url}/agent`, {
      extraHeaders: { cookie: await signIn(server.url, account.email, account.password) },
      transports: ["polling"],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(agent);
    await connected(agent);
    const credentials = await registerVisitor(server.url);
    const visitor = await pollingVisitor(credentials);

    const assigned = next<{ id: string }>(agent, "conversation:assigned");
    const started = await visitor.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "over polling" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    await assigned;

    // A burst each way: every message acked, received in order.
    const atAgent: string[] = [];
    agent.on("message:created", (m) => m.author === "visitor" && atAgent.push(m.text));
    const atVisitor: string[] = [];
    visitor.on("message:created", (m) => m.author === "agent" && atVisitor.push(m.text));
    const texts = Array.from({ length: 10 }, (_, i) => `v${i}`);
    const acks = await Promise.all(texts.map((text) => visitor.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const seqs = acks.map((a) => (a.ok ? a.data.seq : 0));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (let i = 0; i < 5; i++) expect(await agent.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: `a${i}` })).toMatchObject({ ok: true });
    await expect.poll(() => atAgent).toEqual(texts);
    await expect.poll(() => atVisitor).toEqual(["a0", "a1", "a2", "a3", "a4"]);
    expect(visitor.io.engine.transport.name).toBe("polling");

    // A retry is stored once and answered with the original seq.
    const id = msgId();
    const first = await visitor.timeout(5000).emitWithAck("message:send", { conversationId, id, text: "once" });
    const again = await visitor.timeout(5000).emitWithAck("message:send", { conversationId, id, text: "once" });
    expect(again.ok && first.ok && again.data.seq === first.data.seq).toBe(true);

    // The customer goes away; the agent writes; the customer comes back over polling and gets exactly that.
    const lastSeen = first.ok ? first.data.seq : 0;
    visitor.disconnect();
    await agent.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "while you were away" });
    const back = await pollingVisitor(credentials);
    const resumed = await back.timeout(5000).emitWithAck("conversation:resume", { afterSeq: lastSeen });
    if (!resumed.ok) throw new Error(resumed.error);
    expect(resumed.data.messages.map((m: MessageView) => m.text)).toEqual(["while you were away"]);
    const stored = await server.store.messages.list(conversationId, 0);
    expect(stored.filter((m) => m.text === "once")).toHaveLength(1);
  });
});

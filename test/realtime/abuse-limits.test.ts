// Issue 9, findings 3 and 4: ghost chats leave the line; limits hold per visitor and per address, not per socket.
// Each of these failed before the fix (a ghost stayed queued; 30 sockets and 60 messages per visitor were accepted).
import { describe, expect, it } from "vitest";
import type { ConversationView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connected, connectVisitor, msgId, next, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";
import { io } from "socket.io-client";

async function start(socket: VisitorSocket, language = "en") {
  return socket.timeout(5000).emitWithAck("conversation:start", { language, name: "Mia", message: { id: msgId(), text: "Hello" } });
}

describe("ghost chats (finding 3)", () => {
  const server = useTestServer({ env: { QUEUE_ABANDON_SECONDS: "0.4", QUEUE_MAX_PER_LANGUAGE: "3" } });

  it("ends a waiting chat as abandoned once its customer has had no socket for QUEUE_ABANDON_SECONDS, and moves the line up", async () => {
    const ghost = await connectVisitor(server().url);
    const first = await start(ghost.socket);
    expect(first.ok && first.data.conversation.status).toBe("queued");
    const real = await connectVisitor(server().url);
    const second = await start(real.socket);
    expect(second.ok && second.data.conversation.queue?.position).toBe(2);

    const movedUp = next<ConversationView>(real.socket, "conversation:updated", (c) => c.queue?.position === 1);
    ghost.socket.disconnect();
    expect((await movedUp).queue).toMatchObject({ position: 1, waiting: 1 });
    const stored = first.ok ? await server().store.conversations.get(first.data.conversation.id) : null;
    expect(stored).toMatchObject({ status: "closed", closedBy: "system", assigneeId: null });

    // The real customer stays: an agent who comes online gets them, never the ghost.
    const agent = await addAgent(server().store, { languages: ["en"] });
    const socket = await agentOnline(server().url, agent);
    await expect.poll(async () => {
      const reply = await socket.timeout(5000).emitWithAck("conversation:list", {});
      return reply.ok ? reply.data.conversations.map((c: { visitorId: string }) => c.visitorId) : [];
    }).toEqual([real.credentials.visitorId]);
  });

  it("keeps a waiting customer who reconnects within the allowance", async () => {
    const { socket, credentials } = await connectVisitor(server().url);
    const started = await start(socket);
    if (!started.ok) throw new Error(started.error);
    socket.disconnect();
    const again = await connectVisitor(server().url, credentials);
    // Held open well past the allowance: the sweep runs several times meanwhile.
    const resumed = await again.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed.ok && resumed.data.conversation?.status).toBe("queued");
    const probe = await connectVisitor(server().url);
    const probeChat = await start(probe.socket);
    probe.socket.disconnect();
    await expect.poll(async () => (probeChat.ok ? (await server().store.conversations.get(probeChat.data.conversation.id))?.status : null)).toBe("closed");
    expect((await server().store.conversations.get(started.data.conversation.id))?.status).toBe("queued");
  });

  it("offers a message by email instead of a place when the line is at QUEUE_MAX_PER_LANGUAGE", async () => {
    for (let i = 0; i < 3; i++) expect((await start((await connectVisitor(server().url)).socket)).ok).toBe(true);
    const late = await connectVisitor(server().url);
    expect(await start(late.socket)).toMatchObject({ ok: false, error: "queue_full" });
    const queues = (await (await fetch(`${server().url}/api/queues`)).json()) as { languages: Array<{ language: string; full: boolean }> };
    expect(queues.languages.find((l) => l.language === "en")?.full).toBe(true);
  });
});

describe("limits per visitor and per address, not per socket (finding 4)", () => {
  const server = useTestServer({ env: { VISITOR_MAX_SOCKETS: "3", ADDRESS_MAX_SOCKETS: "6", VISITOR_CONVERSATIONS_PER_HOUR: "1" } });

  it("refuses a visitor's socket beyond VISITOR_MAX_SOCKETS and takes one again when another closes", async () => {
    const { credentials } = await connectVisitor(server().url);
    await connectVisitor(server().url, credentials);
    const third = await connectVisitor(server().url, credentials);
    await expect(connectVisitor(server().url, credentials)).rejects.toThrow(/too_many_connections/);
    third.socket.disconnect();
    await expect.poll(() => server().app.desk.visitors.count(credentials.visitorId)).toBe(2);
    await expect(connectVisitor(server().url, credentials)).resolves.toBeTruthy();
  });

  it("refuses sockets beyond ADDRESS_MAX_SOCKETS from one address, whoever the visitors are", async () => {
    for (let i = 0; i < 6; i++) await connectVisitor(server().url);
    await expect(connectVisitor(server().url)).rejects.toThrow(/too_many_connections/);
  });

  it("counts a burst of handshakes at once against the limit", async () => {
    const { credentials } = await connectVisitor(server().url);
    const sockets = Array.from({ length: 8 }, () =>
      io(`${server().url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, reconnection: false }),
    );
    const results = await Promise.allSettled(sockets.map((s) => connected(s)));
    for (const s of sockets) s.disconnect();
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
  });

  it("shares one message budget among all of a visitor's sockets", async () => {
    const { socket, credentials } = await connectVisitor(server().url);
    const { socket: other } = await connectVisitor(server().url, credentials);
    const started = await start(socket);
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? socket : other).timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: `m${i}` })),
    );
    const stored = replies.filter((r) => r.ok).length;
    // 20 at once (one went to start), plus whatever refilled at 2 a second meanwhile.
    expect(stored).toBeLessThan(25);
    expect(replies.some((r) => !r.ok && r.error === "rate_limited")).toBe(true);
  });

  it("limits how many conversations a visitor can start and end in a row", async () => {
    const { socket } = await connectVisitor(server().url);
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const started = await start(socket);
      if (!started.ok) {
        outcomes.push(started.error);
        continue;
      }
      outcomes.push("started");
      await socket.timeout(5000).emitWithAck("conversation:end", { conversationId: started.data.conversation.id });
    }
    expect(outcomes.filter((o) => o === "started")).toHaveLength(3);
    expect(outcomes.slice(3)).toEqual(Array(5).fill("rate_limited"));
  });
});

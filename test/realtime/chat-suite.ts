import { describe, expect, it } from "vitest";
import type { AgentConversationView, ConversationView, MessageView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next, startConversation, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

/** The chat flows, on the store given: chat.test.ts runs them on memory, chat-lowdb.test.ts on the embedded default. */
export function chatSuite(storeKind: "memory" | "lowdb") {
const server = useTestServer({ storeKind });

const startChat = (socket: VisitorSocket, language: string, text = "Hello, I need help") => startConversation(socket, { language, text });

describe(`a customer and an agent chat (${storeKind} store)`, () => {
  it("assigns a German chat to the German-speaking agent, not the English one, and both see each other's messages", async () => {
    const english = await addAgent(server().store, { languages: ["en"], name: "Eve" });
    const german = await addAgent(server().store, { languages: ["de", "en"], name: "Jonas" });
    const eve = await agentOnline(server().url, english);
    const jonas = await agentOnline(server().url, german);

    const { socket: visitor } = await connectVisitor(server().url);
    const assigned = next<AgentConversationView>(jonas, "conversation:assigned");
    const joined = next<ConversationView>(visitor, "conversation:updated", (c) => c.status === "assigned");
    const { conversation } = await startChat(visitor, "de");
    expect((await assigned).id).toBe(conversation.id);
    expect((await assigned).visitorName).toBe("Mia");
    expect((await joined).agentName).toBe("Jonas");

    const toVisitor = next<MessageView>(visitor, "message:created", (m) => m.author === "agent");
    const sent = await jonas.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Hallo Mia!" });
    expect(sent.ok).toBe(true);
    expect((await toVisitor).text).toBe("Hallo Mia!");
    expect((await toVisitor).authorName).toBe("Jonas");

    const toAgent = next<MessageView>(jonas, "message:created", (m) => m.author === "visitor" && m.text === "Danke");
    const reply = await visitor.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Danke" });
    expect(reply.ok && reply.data.seq).toBeGreaterThan(1);
    await toAgent;
    const evesChats = await eve.timeout(5000).emitWithAck("conversation:list", {});
    expect(evesChats).toEqual({ ok: true, data: { conversations: [] } });
  });

  it("keeps a chat queued with its position when no agent has a free slot, then assigns the backlog as soon as a slot frees", async () => {
    const agent = await addAgent(server().store, { languages: ["en"], maxChats: 1 });
    const socket = await agentOnline(server().url, agent);
    const first = await connectVisitor(server().url);
    const firstAssigned = next<AgentConversationView>(socket, "conversation:assigned");
    const c1 = await startChat(first.socket, "en");
    await firstAssigned;

    const second = await connectVisitor(server().url);
    const c2 = await startChat(second.socket, "en");
    expect(c2.conversation.status).toBe("queued");
    // One agent with one busy slot and the default 300 s handle time: a median of 300 s × ln 2.
    expect(c2.conversation.queue).toMatchObject({ position: 1, waiting: 1, etaSeconds: 210, open: true, peak: true, fallback: null, etaReliable: false });
    expect(c2.conversation.queue!.etaRange![0]).toBeLessThan(210);
    expect(c2.conversation.queue!.etaRange![1]).toBeGreaterThan(210);
    expect(Math.abs(c2.conversation.queue!.computedAt - Date.now())).toBeLessThan(60_000);

    const secondAssigned = next<AgentConversationView>(socket, "conversation:assigned");
    const closed = await socket.timeout(5000).emitWithAck("conversation:close", { conversationId: c1.conversation.id });
    expect(closed.ok).toBe(true);
    expect((await secondAssigned).id).toBe(c2.conversation.id);
  });

  it("tells waiting customers their place in the queue as it moves", async () => {
    const visitors = await Promise.all([0, 1, 2].map(() => connectVisitor(server().url)));
    for (const v of visitors) await startChat(v.socket, "en");
    const third = visitors[2]!.socket;
    const resumed = await third.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    // Nobody speaks English yet: the queue is closed, with no estimate.
    expect(resumed.ok && resumed.data.conversation?.queue).toEqual({ position: 3, waiting: 3, etaSeconds: null, etaRange: null, etaReliable: false, computedAt: expect.any(Number), peak: false, open: false, closing: false, fallback: null });

    const moved = next<ConversationView>(third, "conversation:updated", (c) => c.queue?.position === 2);
    const agent = await addAgent(server().store, { languages: ["en"], maxChats: 1 });
    await agentOnline(server().url, agent);
    expect((await moved).queue).toMatchObject({ position: 2, waiting: 2, etaSeconds: 505, open: true });
  });

  it("hands an agent's chats to another agent when they stay away longer than the grace period", async () => {
    const a = await addAgent(server().store, { languages: ["en"], name: "Ann" });
    const annSocket = await agentOnline(server().url, a);
    const { socket: visitor } = await connectVisitor(server().url);
    const toAnn = next<AgentConversationView>(annSocket, "conversation:assigned");
    const { conversation } = await startChat(visitor, "en");
    await toAnn;

    const b = await addAgent(server().store, { languages: ["en"], name: "Bo" });
    const boSocket = await agentOnline(server().url, b);
    const toBo = next<AgentConversationView>(boSocket, "conversation:assigned");
    const notice = next<MessageView>(visitor, "message:created", (m) => m.author === "system" && m.text.includes("front of the queue"));
    annSocket.disconnect();
    expect((await toBo).id).toBe(conversation.id);
    expect((await notice).notice).toEqual({ kind: "requeued" });
    const stored = await server().store.conversations.get(conversation.id);
    expect(stored?.assigneeId).toBe(b.id);
    // Every conditional write moves the epoch on: assigned to Ann, requeued, assigned to Bo.
    expect(stored?.epoch).toBe(3);
  });

  it("counts two tabs of one agent as one presence: closing one tab hands nothing back", async () => {
    const a = await addAgent(server().store, { languages: ["en"] });
    const tab1 = await agentOnline(server().url, a);
    const tab2 = await agentOnline(server().url, a);
    const { socket: visitor } = await connectVisitor(server().url);
    const assigned = next(tab1, "conversation:assigned");
    const { conversation } = await startChat(visitor, "en");
    await assigned;
    tab1.disconnect();
    await expect.poll(() => server().app.desk.core.agents.get(a.id)?.sockets).toBe(1);
    expect(server().app.desk.core.agents.get(a.id)?.cancelGrace).toBeNull();
    const list = await tab2.timeout(5000).emitWithAck("conversation:list", {});
    expect(list.ok && list.data.conversations.map((c: AgentConversationView) => c.id)).toEqual([conversation.id]);
  });

  it("stores a retried message once and answers the retry with the original sequence number", async () => {
    const { socket } = await connectVisitor(server().url);
    const { conversation } = await startChat(socket, "en");
    const id = msgId();
    const first = await socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id, text: "once" });
    const again = await socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id, text: "once" });
    expect(first.ok && again.ok && again.data.seq === first.data.seq).toBe(true);
    const stored = await server().store.messages.list(conversation.id, 0);
    expect(stored.filter((m) => m.id === id)).toHaveLength(1);
  });

  it("gives a reconnecting customer exactly the messages they missed", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const first = await connectVisitor(server().url);
    const assigned = next(agentSocket, "conversation:assigned");
    const { conversation } = await startChat(first.socket, "en");
    await assigned;
    const seen = await first.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    const lastSeq = seen.ok ? seen.data.messages.at(-1)!.seq : -1;
    first.socket.disconnect();

    for (const text of ["one", "two", "three"]) {
      const sent = await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text });
      expect(sent.ok).toBe(true);
    }
    const again = await connectVisitor(server().url, first.credentials);
    const missed = await again.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: lastSeq });
    expect(missed.ok && missed.data.messages.map((m: MessageView) => m.text)).toEqual(["one", "two", "three"]);
    expect(missed.ok && missed.data.messages.map((m: MessageView) => m.seq)).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3]);
  });

  it("lets the customer end the chat and rate it from Terrible to Fantastic", async () => {
    const agent = await addAgent(server().store, { languages: ["en"] });
    const agentSocket = await agentOnline(server().url, agent);
    const { socket } = await connectVisitor(server().url);
    const assigned = next(agentSocket, "conversation:assigned");
    const { conversation } = await startChat(socket, "en");
    await assigned;
    const agentSees = next<AgentConversationView>(agentSocket, "conversation:updated", (c) => c.status === "closed");
    const ended = await socket.timeout(5000).emitWithAck("conversation:end", { conversationId: conversation.id });
    expect(ended.ok && ended.data.closedBy).toBe("visitor");
    expect((await agentSees).closedBy).toBe("visitor");
    const agentSeesRating = next<AgentConversationView>(agentSocket, "conversation:updated", (c) => c.rating !== null);
    const rated = await socket.timeout(5000).emitWithAck("conversation:rate", { conversationId: conversation.id, score: 5, comment: "Quick!" });
    expect(rated.ok && rated.data.rated).toBe(true);
    expect((await agentSeesRating).rating).toEqual({ score: 5, comment: "Quick!" });
    expect((await server().store.conversations.get(conversation.id))?.rating).toMatchObject({ score: 5, comment: "Quick!" });
  });
});

describe(`system lines on the ${storeKind} store`, () => {
  it("keeps each system line's notice in the stored transcript, so a resume says it in the customer's language", async () => {
    const agent = await addAgent(server().store, { languages: ["de", "en"], name: "Jonas" });
    const socket = await agentOnline(server().url, agent);
    const { socket: visitor } = await connectVisitor(server().url);
    const assigned = next(socket, "conversation:assigned");
    await startChat(visitor, "de");
    await assigned;
    const resumed = await visitor.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    const joined = resumed.ok ? resumed.data.messages.find((m: MessageView) => m.author === "system") : undefined;
    expect(joined?.notice).toEqual({ kind: "joined", name: "Jonas" });
  });
});
}

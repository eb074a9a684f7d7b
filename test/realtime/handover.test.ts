// Issue 8 on the wire: transfer between agents and between language queues, internal notes that never reach the
// customer, supervisors who sign in Away, watch silently, take over and see the live board, and role checks.
import { describe, expect, it } from "vitest";
import type { AgentConversationView, BoardView, ConversationView, MessageView, NoteView, TransferOptionsView } from "../../server/protocol/views.js";

type Colleague = TransferOptionsView["agents"][number];
import { addAgent, agentOnline, connectVisitor, msgId, next, startConversation, type AgentSocket, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";
import { openTicket, outbox } from "../selfservice/setup.js";

const server = useTestServer({ env: { LANGUAGES: "en,de" } });

const startChat = async (socket: VisitorSocket, language = "en", text = "Hello, I need help") => (await startConversation(socket, { language, email: "mia@example.com", text })).conversation;

/** An agent online with a chat assigned to them. */
async function agentWithChat(language = "en") {
  const ann = await addAgent(server().store, { languages: ["en", "de"], name: "Ann" });
  const annSocket = await agentOnline(server().url, ann);
  const visitor = await connectVisitor(server().url);
  const assigned = next<AgentConversationView>(annSocket, "conversation:assigned");
  const conversation = await startChat(visitor.socket, language);
  await assigned;
  return { ann, annSocket, visitor, conversation };
}

const emit = <T>(socket: AgentSocket, event: string, payload: unknown) =>
  (socket.timeout(5000) as unknown as { emitWithAck(e: string, p: unknown): Promise<T> }).emitWithAck(event, payload);

describe("transfer", () => {
  it("hands a chat to an available colleague, who is told why; the sender no longer holds it; the customer is told", async () => {
    const { annSocket, visitor, conversation } = await agentWithChat();
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo" });
    const boSocket = await agentOnline(server().url, bo);
    const toBo = next<AgentConversationView>(boSocket, "conversation:assigned");
    const gone = next<{ conversationId: string; reason: string }>(annSocket, "conversation:unassigned");
    const told = next<MessageView>(visitor.socket, "message:created", (m) => m.notice?.kind === "transferred");
    const reply = await annSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { agentId: bo.id }, note: "Billing question" });
    expect(reply.ok && reply.data.assigneeId).toBe(bo.id);
    expect(await toBo).toMatchObject({ id: conversation.id, transfer: { fromName: "Ann", note: "Billing question" } });
    expect(await gone).toEqual({ conversationId: conversation.id, reason: "transferred" });
    expect((await told).notice).toEqual({ kind: "transferred" });
    // History moves with the chat: Bo reads the whole transcript; Ann can no longer write in it.
    const history = await boSocket.timeout(5000).emitWithAck("conversation:history", { conversationId: conversation.id, afterSeq: 0 });
    expect(history.ok && history.data.messages.map((m: MessageView) => m.text)).toContain("Hello, I need help");
    expect(history.ok && history.data.notes.map((n: NoteView) => n.text)).toEqual(["Transfer: Billing question"]);
    const late = await annSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Still me" });
    expect(late).toMatchObject({ ok: false, error: "not_found" });
  });

  it("refuses a colleague who cannot take the chat (away, full or not speaking its language) and changes nothing", async () => {
    const { ann, annSocket, conversation } = await agentWithChat();
    const away = await addAgent(server().store, { languages: ["en"], name: "Away" });
    const awaySocket = await agentOnline(server().url, away);
    await awaySocket.timeout(5000).emitWithAck("status:set", { status: "away" });
    const german = await addAgent(server().store, { languages: ["de"], name: "Dora" });
    await agentOnline(server().url, german);
    for (const target of [away.id, german.id, "a_nobody"]) {
      const reply = await annSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { agentId: target } });
      expect(reply).toMatchObject({ ok: false, error: "agent_unavailable" });
    }
    expect((await server().store.conversations.get(conversation.id))?.assigneeId).toBe(ann.id);
    // A refused transfer stores nothing: not even its note.
    expect(await annSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { agentId: away.id }, note: "Refused" })).toMatchObject({ ok: false, error: "agent_unavailable" });
    expect(await annSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { language: "fr" }, note: "Refused" })).toMatchObject({ ok: false, error: "unknown_language" });
    const history = await annSocket.timeout(5000).emitWithAck("conversation:history", { conversationId: conversation.id, afterSeq: 0 });
    expect(history.ok && history.data.notes).toEqual([]);
  });

  it("lists where a chat may go: colleagues (who can take it first, why the others cannot) and the other queues", async () => {
    const { annSocket, conversation } = await agentWithChat("en");
    const full = await addAgent(server().store, { languages: ["en"], name: "Eli", maxChats: 1 });
    const fullSocket = await agentOnline(server().url, full);
    const toEli = next(fullSocket, "conversation:assigned");
    await startChat((await connectVisitor(server().url)).socket, "en");
    await toEli;
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo" });
    await agentOnline(server().url, bo);
    const away = await addAgent(server().store, { languages: ["en"], name: "Cy" });
    const awaySocket = await agentOnline(server().url, away);
    await awaySocket.timeout(5000).emitWithAck("status:set", { status: "away" });
    const dora = await addAgent(server().store, { languages: ["de"], name: "Dora" });
    await agentOnline(server().url, dora);
    const gone = await addAgent(server().store, { languages: ["en"], name: "Finn" });
    const options = async () => {
      const reply = await annSocket.timeout(5000).emitWithAck("transfer:options", { conversationId: conversation.id });
      if (!reply.ok) throw new Error(reply.error);
      return reply;
    };
    // Finn never signed in: the desk learns of new accounts within a second.
    await expect.poll(async () => (await options()).data.agents.map((a: Colleague) => [a.name, a.unavailable])).toEqual([["Bo", null], ["Cy", "away"], ["Dora", "language"], ["Eli", "full"], ["Finn", "offline"]]);
    const reply = await options();
    expect(reply.data.agents.find((a: Colleague) => a.id === gone.id)).toMatchObject({ openChats: 0, maxChats: 3 });
    // German: Dora, and Ann herself (she speaks it too).
    expect(reply.data.queues).toEqual([{ language: "de", name: "Deutsch", waiting: 0, agentsAvailable: 2 }]);
    // Someone else's chat: not for a plain agent (no existence oracle).
    const boSocket = await agentOnline(server().url, bo);
    expect(await boSocket.timeout(5000).emitWithAck("transfer:options", { conversationId: conversation.id })).toMatchObject({ ok: false, error: "not_found" });
  });

  it("lets a supervisor reassign an agent's chat to a colleague; the agent no longer holds it", async () => {
    const { ann, annSocket, visitor, conversation } = await agentWithChat();
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo" });
    const boSocket = await agentOnline(server().url, bo);
    const sup = await addAgent(server().store, { role: "supervisor", name: "Sue" });
    const supSocket = await agentOnline(server().url, sup);
    const options = await supSocket.timeout(5000).emitWithAck("transfer:options", { conversationId: conversation.id });
    expect(options.ok && options.data.agents.map((a: Colleague) => a.name)).toEqual(["Bo"]);
    const toBo = next<AgentConversationView>(boSocket, "conversation:assigned");
    const gone = next<{ conversationId: string; reason: string }>(annSocket, "conversation:unassigned");
    const told = next<MessageView>(visitor.socket, "message:created", (m) => m.notice?.kind === "transferred");
    const before = (await server().store.conversations.get(conversation.id))!.epoch;
    const reply = await supSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { agentId: bo.id }, note: "Ann is overloaded" });
    expect(reply.ok && reply.data.assigneeId).toBe(bo.id);
    expect(await toBo).toMatchObject({ id: conversation.id, transfer: { fromName: "Sue", note: "Ann is overloaded" } });
    expect(await gone).toEqual({ conversationId: conversation.id, reason: "transferred" });
    await told;
    const stored = await server().store.conversations.get(conversation.id);
    expect(stored).toMatchObject({ assigneeId: bo.id });
    expect(stored?.epoch).toBeGreaterThan(before);
    expect(server().app.desk.core.agents.get(ann.id)?.assigned.has(conversation.id)).toBe(false);
  });

  it("moves a chat to another language's queue with a note; it keeps its place in time", async () => {
    const { annSocket, visitor, conversation } = await agentWithChat("en");
    // A German customer who arrived later waits already: the transferred chat arrived earlier, so it goes first.
    const later = await connectVisitor(server().url);
    await annSocket.timeout(5000).emitWithAck("status:set", { status: "away" });
    const laterChat = await startChat(later.socket, "de");
    expect(laterChat.status).toBe("queued");
    const updated = next<ConversationView>(visitor.socket, "conversation:updated", (c) => c.status === "queued" && c.language === "de");
    const reply = await annSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { language: "de" }, note: "Prefers German" });
    expect(reply.ok && reply.data).toMatchObject({ status: "queued", language: "de", assigneeId: null });
    expect((await updated).queue?.position).toBe(1);
  });

  it("lets the receiver decline a transfer: the chat goes back to the sender", async () => {
    const { ann, annSocket, conversation } = await agentWithChat();
    const bo = await addAgent(server().store, { languages: ["en"], name: "Bo" });
    const boSocket = await agentOnline(server().url, bo);
    const toBo = next(boSocket, "conversation:assigned");
    await annSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { agentId: bo.id } });
    await toBo;
    const back = next<AgentConversationView>(annSocket, "conversation:assigned");
    expect(await boSocket.timeout(5000).emitWithAck("conversation:decline", { conversationId: conversation.id })).toEqual({ ok: true, data: null });
    expect((await back).transfer).toEqual({ fromName: "Bo", note: "Declined", declined: true });
    expect((await server().store.conversations.get(conversation.id))?.assigneeId).toBe(ann.id);
    expect(await boSocket.timeout(5000).emitWithAck("conversation:decline", { conversationId: conversation.id })).toMatchObject({ ok: false, error: "not_found" });
  });
});

describe("internal notes", () => {
  it("never reach the customer: not by socket, resume, history, ticket transcript or email, and leave no gap in seq", async () => {
    const { annSocket, visitor, conversation } = await agentWithChat();
    const seen: unknown[] = [];
    visitor.socket.onAny((event, payload) => void seen.push([event, payload]));
    const noteId = msgId();
    const note = await annSocket.timeout(5000).emitWithAck("note:add", { conversationId: conversation.id, id: noteId, text: "SECRET-NOTE: customer is upset" });
    expect(note.ok && note.data).toMatchObject({ internal: true, text: "SECRET-NOTE: customer is upset", authorName: "Ann", seq: 1 });
    const fence = next<MessageView>(visitor.socket, "message:created", (m) => m.author === "agent");
    const sent = await annSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "How can I help?" });
    await fence;
    expect(JSON.stringify(seen)).not.toContain("SECRET-NOTE");
    // The customer's numbering runs on without a gap: join line 2, this reply 3.
    expect(sent.ok && sent.data.seq).toBe(3);
    const resumed = await visitor.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed.ok && resumed.data.messages.map((m: MessageView) => m.seq)).toEqual([1, 2, 3]);
    expect(JSON.stringify(resumed)).not.toContain("SECRET-NOTE");
    // The agent's history has it, marked internal.
    const history = await annSocket.timeout(5000).emitWithAck("conversation:history", { conversationId: conversation.id, afterSeq: 0 });
    expect(history.ok && history.data.notes).toEqual([expect.objectContaining({ id: noteId, internal: true })]);
    expect(history.ok && JSON.stringify(history.data.messages)).not.toContain("SECRET-NOTE");
    // A ticket made from the chat carries its transcript to the customer's email: no note there either.
    const res = await openTicket(server(), { conversationId: conversation.id, visitorId: visitor.credentials.visitorId, visitorToken: visitor.credentials.token, source: "widget" });
    expect(res.status).toBe(201);
    const [ticket] = await server().store.tickets.list();
    const messages = await server().store.ticketMessages.list(ticket!.id);
    expect(JSON.stringify(messages)).not.toContain("SECRET-NOTE");
    await expect.poll(async () => (await outbox(server())).length).toBeGreaterThan(0);
    expect(JSON.stringify(await outbox(server()))).not.toContain("SECRET-NOTE");
  });

  it("reach the agent's other tabs and supervisors watching", async () => {
    const { ann, annSocket, conversation } = await agentWithChat();
    const tab2 = await agentOnline(server().url, ann);
    const sup = await addAgent(server().store, { role: "supervisor", name: "Sue" });
    const supSocket = await agentOnline(server().url, sup);
    expect((await supSocket.timeout(5000).emitWithAck("conversation:watch", { conversationId: conversation.id, watch: true })).ok).toBe(true);
    const atTab2 = next<NoteView>(tab2, "note:created");
    const atSup = next<NoteView>(supSocket, "note:created");
    await annSocket.timeout(5000).emitWithAck("note:add", { conversationId: conversation.id, id: msgId(), text: "Checking the ledger" });
    expect((await atTab2).text).toBe("Checking the ledger");
    expect((await atSup).text).toBe("Checking the ledger");
  });
});

describe("supervisors", () => {
  it("sign in Away and are not handed chats; the board shows the queued customer and the agents, pushed as it changes", async () => {
    const sup = await addAgent(server().store, { role: "supervisor", name: "Sue", languages: ["en"] });
    const supSocket = await agentOnline(server().url, sup);
    const board = await supSocket.timeout(5000).emitWithAck("board:watch", { watch: true });
    expect(board.ok && board.data?.languages.find((l: { language: string }) => l.language === "en")).toMatchObject({ waiting: 0 });
    const pushed = next<BoardView>(supSocket, "board:updated", (b) => b.languages.some((l) => l.language === "en" && l.waiting === 1));
    const visitor = await connectVisitor(server().url);
    const chat = await startChat(visitor.socket, "en");
    expect(chat.status).toBe("queued");
    const view = await pushed;
    expect(view.agents).toEqual([expect.objectContaining({ id: sup.id, status: "away", connected: true, openChats: 0 })]);
    expect((await server().store.conversations.get(chat.id))?.assigneeId).toBeNull();
  });

  it("starts Away on first sign-in without being asked", async () => {
    const sup = await addAgent(server().store, { role: "supervisor", name: "Sue", languages: ["en"] });
    const socket = await agentOnline(server().url, sup);
    await expect.poll(() => server().app.desk.core.agents.get(sup.id)?.status).toBe("away");
    const visitor = await connectVisitor(server().url);
    expect((await startChat(visitor.socket)).status).toBe("queued");
    socket.disconnect();
  });

  it("watch a chat silently (its messages arrive, the customer sees no one join) and take it over", async () => {
    const { annSocket, visitor, conversation } = await agentWithChat();
    const sup = await addAgent(server().store, { role: "supervisor", name: "Sue" });
    const supSocket = await agentOnline(server().url, sup);
    const watched = await supSocket.timeout(5000).emitWithAck("conversation:watch", { conversationId: conversation.id, watch: true });
    expect(watched.ok && watched.data?.messages.map((m: MessageView) => m.text)).toContain("Hello, I need help");
    const arrives = next<MessageView>(supSocket, "message:created", (m) => m.text === "Where is my money?");
    await visitor.socket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Where is my money?" });
    await arrives;
    // A watcher cannot write in someone else's chat without taking it over.
    expect(await supSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "hi" })).toMatchObject({ ok: false, error: "not_found" });
    const lost = next<{ reason: string }>(annSocket, "conversation:unassigned");
    const joined = next<MessageView>(visitor.socket, "message:created", (m) => m.notice?.kind === "joined");
    const taken = await supSocket.timeout(5000).emitWithAck("conversation:takeover", { conversationId: conversation.id });
    expect(taken.ok && taken.data.assigneeId).toBe(sup.id);
    expect((await lost).reason).toBe("taken_over");
    expect((await joined).notice).toEqual({ kind: "joined", name: "Sue" });
  });

  it("taking a chat over frees its agent's slot at once for whoever waits", async () => {
    const ann = await addAgent(server().store, { languages: ["en"], name: "Ann", maxChats: 1 });
    const annSocket = await agentOnline(server().url, ann);
    const first = next<AgentConversationView>(annSocket, "conversation:assigned");
    const conversation = await startChat((await connectVisitor(server().url)).socket);
    await first;
    const waiting = await startChat((await connectVisitor(server().url)).socket);
    expect(waiting.status).toBe("queued");
    const sup = await addAgent(server().store, { role: "supervisor", name: "Sue" });
    const supSocket = await agentOnline(server().url, sup);
    const served = next<AgentConversationView>(annSocket, "conversation:assigned", (c) => c.id === waiting.id);
    expect((await supSocket.timeout(5000).emitWithAck("conversation:takeover", { conversationId: conversation.id })).ok).toBe(true);
    await served;
    expect((await server().store.conversations.get(waiting.id))?.assigneeId).toBe(ann.id);
  });
});

describe("role checks", () => {
  it("refuses the board, watching, taking over and another agent's history to a plain agent", async () => {
    const { conversation } = await agentWithChat();
    const eve = await addAgent(server().store, { languages: ["en"], name: "Eve" });
    const eveSocket = await agentOnline(server().url, eve);
    expect(await eveSocket.timeout(5000).emitWithAck("board:watch", { watch: true })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await eveSocket.timeout(5000).emitWithAck("conversation:watch", { conversationId: conversation.id, watch: true })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await eveSocket.timeout(5000).emitWithAck("conversation:takeover", { conversationId: conversation.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await eveSocket.timeout(5000).emitWithAck("conversation:history", { conversationId: conversation.id, afterSeq: 0 })).toMatchObject({ ok: false, error: "not_found" });
    expect(await eveSocket.timeout(5000).emitWithAck("note:add", { conversationId: conversation.id, id: msgId(), text: "x" })).toMatchObject({ ok: false, error: "not_found" });
    expect(await eveSocket.timeout(5000).emitWithAck("conversation:transfer", { conversationId: conversation.id, to: { language: "de" } })).toMatchObject({ ok: false, error: "not_found" });
    expect(await emit(eveSocket, "conversation:transfer", { conversationId: conversation.id, to: { agentId: "x", language: "de" } })).toMatchObject({ ok: false, error: "invalid_payload" });
  });
});

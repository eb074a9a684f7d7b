// Issue 8: a supervisor sees each waiting customer on the board, watches one silently and assigns it
// (`conversation:assign`); a transfer's receiver can still decline it after a reload (the offer is part of their view).
import { describe, expect, it } from "vitest";
import type { AgentConversationView, BoardView, MessageView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next, startConversation, type VisitorSocket } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer({ env: { LANGUAGES: "en,de" } });

const startChat = async (socket: VisitorSocket, text = "Hello, I need help") => (await startConversation(socket, { text })).conversation;

/** Bo (one slot, busy) and a second customer waiting in the English line; Sue supervises. */
async function waitingCustomer() {
  const bo = await addAgent(server().store, { languages: ["en"], name: "Bo", maxChats: 1 });
  const boSocket = await agentOnline(server().url, bo);
  const first = next<AgentConversationView>(boSocket, "conversation:assigned");
  await startChat((await connectVisitor(server().url)).socket);
  await first;
  const sue = await addAgent(server().store, { role: "supervisor", name: "Sue", languages: ["en"] });
  const sueSocket = await agentOnline(server().url, sue);
  const visitor = await connectVisitor(server().url);
  const waiting = await startChat(visitor.socket, "My parcel <b>never</b> came");
  expect(waiting.status).toBe("queued");
  return { bo, boSocket, sue, sueSocket, visitor, waiting };
}

describe("queued customers on the board", () => {
  it("lists each waiting customer (name, since when, first words as text), watched silently and assigned to a colleague", async () => {
    const { bo, boSocket, sueSocket, visitor, waiting } = await waitingCustomer();
    const board = await sueSocket.timeout(5000).emitWithAck("board:watch", { watch: true });
    if (!board.ok || !board.data) throw new Error("no board");
    const en = board.data.languages.find((l: { language: string }) => l.language === "en")!;
    expect(en.queued).toEqual([{ id: waiting.id, visitorName: "Mia", queuedAt: expect.any(Number), preview: "My parcel <b>never</b> came", epoch: expect.any(Number) }]);
    const watched = await sueSocket.timeout(5000).emitWithAck("conversation:watch", { conversationId: waiting.id, watch: true });
    expect(watched.ok && watched.data?.messages.map((m: MessageView) => m.text)).toContain("My parcel <b>never</b> came");
    const arrives = next<MessageView>(sueSocket, "message:created", (m) => m.text === "Anyone there?");
    await visitor.socket.timeout(5000).emitWithAck("message:send", { conversationId: waiting.id, id: msgId(), text: "Anyone there?" });
    await arrives;

    const toBo = next<AgentConversationView>(boSocket, "conversation:assigned", (c) => c.id === waiting.id);
    const joined = next<MessageView>(visitor.socket, "message:created", (m) => m.notice?.kind === "joined");
    const emptied = next<BoardView>(sueSocket, "board:updated", (b) => b.languages.some((l) => l.language === "en" && l.waiting === 0 && l.queued.length === 0));
    const reply = await sueSocket.timeout(5000).emitWithAck("conversation:assign", { conversationId: waiting.id, agentId: bo.id, epoch: en.queued[0]!.epoch });
    expect(reply.ok && reply.data).toMatchObject({ assigneeId: bo.id, status: "assigned" });
    expect((await toBo).assigneeId).toBe(bo.id);
    expect((await joined).notice).toEqual({ kind: "joined", name: "Bo" });
    await emptied;
    // Assigned meanwhile: a second assignment is refused and changes nothing.
    expect(await sueSocket.timeout(5000).emitWithAck("conversation:assign", { conversationId: waiting.id, agentId: bo.id })).toMatchObject({ ok: false, error: "not_queued" });
    expect((await server().store.conversations.get(waiting.id))?.assigneeId).toBe(bo.id);
  });

  it("refuses a colleague who cannot take it and a stale epoch; a supervisor may take it themselves", async () => {
    const { sue, sueSocket, waiting } = await waitingCustomer();
    // A colleague who is Away (supervisors sign in Away) cannot be given it.
    const away = await addAgent(server().store, { languages: ["en"], name: "Ada", role: "supervisor" });
    await agentOnline(server().url, away);
    const german = await addAgent(server().store, { languages: ["de"], name: "Dora" });
    await agentOnline(server().url, german);
    for (const target of [away.id, german.id, "a_nobody"]) {
      expect(await sueSocket.timeout(5000).emitWithAck("conversation:assign", { conversationId: waiting.id, agentId: target })).toMatchObject({ ok: false, error: "agent_unavailable" });
    }
    expect(await sueSocket.timeout(5000).emitWithAck("conversation:assign", { conversationId: waiting.id, agentId: sue.id, epoch: 999 })).toMatchObject({ ok: false, error: "not_queued" });
    expect((await server().store.conversations.get(waiting.id))?.status).toBe("queued");
    // Sue is Away (supervisors sign in Away) and still takes it herself.
    expect(server().app.desk.core.estimateShownTo(waiting.id)).not.toBeNull();
    const mine = await sueSocket.timeout(5000).emitWithAck("conversation:assign", { conversationId: waiting.id, agentId: sue.id });
    expect(mine.ok && mine.data.assigneeId).toBe(sue.id);
    // It left the line answered: the estimate it was shown is scored and forgotten, not kept for ever.
    expect(server().app.desk.core.estimateShownTo(waiting.id)).toBeNull();
  });

  it("refuses a plain agent", async () => {
    const { bo, boSocket, waiting } = await waitingCustomer();
    expect(await boSocket.timeout(5000).emitWithAck("conversation:assign", { conversationId: waiting.id, agentId: bo.id })).toMatchObject({ ok: false, error: "forbidden" });
    expect((await server().store.conversations.get(waiting.id))?.status).toBe("queued");
  });
});

/** Ann has a customer's chat and transfers it to Bo (with `note`, if given); resolves once Bo has it. */
async function transferredToBo(note?: string) {
  const ann = await addAgent(server().store, { languages: ["en"], name: "Ann" });
  const annSocket = await agentOnline(server().url, ann);
  const toAnn = next<AgentConversationView>(annSocket, "conversation:assigned");
  const conversation = await startChat((await connectVisitor(server().url)).socket);
  await toAnn;
  const bo = await addAgent(server().store, { languages: ["en"], name: "Bo" });
  const boSocket = await agentOnline(server().url, bo);
  const toBo = next<AgentConversationView>(boSocket, "conversation:assigned");
  const to = { agentId: bo.id };
  expect((await annSocket.timeout(5000).emitWithAck("conversation:transfer", note === undefined ? { conversationId: conversation.id, to } : { conversationId: conversation.id, to, note })).ok).toBe(true);
  await toBo;
  return { ann, annSocket, conversation, bo, boSocket };
}

describe("a transfer's receiver after a reload", () => {
  it("still sees who handed the chat over and may decline, until they write in it", async () => {
    const { ann, annSocket, conversation, bo, boSocket: first } = await transferredToBo("Billing");
    // A reload (within the grace period): a new socket lists the chat with the offer still in it.
    const again = await agentOnline(server().url, bo);
    first.disconnect();
    const listed = await again.timeout(5000).emitWithAck("conversation:list", {});
    expect(listed.ok && listed.data.conversations.find((c: AgentConversationView) => c.id === conversation.id)?.transfer).toEqual({ fromName: "Ann", note: "Billing" });
    const history = await again.timeout(5000).emitWithAck("conversation:history", { conversationId: conversation.id, afterSeq: 0 });
    expect(history.ok && history.data.conversation.transfer).toEqual({ fromName: "Ann", note: "Billing" });
    const back = next<AgentConversationView>(annSocket, "conversation:assigned", (c) => c.id === conversation.id);
    expect(await again.timeout(5000).emitWithAck("conversation:decline", { conversationId: conversation.id })).toMatchObject({ ok: true });
    expect((await back).assigneeId).toBe(ann.id);
  });

  it("no longer offers Decline once the receiver has written in the chat", async () => {
    const { conversation, boSocket } = await transferredToBo();
    expect((await boSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Bo here" })).ok).toBe(true);
    const listed = await boSocket.timeout(5000).emitWithAck("conversation:list", {});
    expect(listed.ok && listed.data.conversations.find((c: AgentConversationView) => c.id === conversation.id)?.transfer).toBeUndefined();
    expect(await boSocket.timeout(5000).emitWithAck("conversation:decline", { conversationId: conversation.id })).toMatchObject({ ok: false, error: "invalid_payload" });
  });
});

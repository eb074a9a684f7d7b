// Read receipts (issue 10): the customer's `conversation:read` raises their read marker (never lowers it), the agent
// hears `conversation:seen`, and both views carry `visitorReadSeq` — so the widget's unread count survives a reload.
import { describe, expect, it } from "vitest";
import type { AgentConversationView, ConversationView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

describe("read receipts", () => {
  // The lazy write itself is covered for every adapter by the store contract (test/store/contract.ts).
  const server = useTestServer();

  async function assignedChat() {
    const agent = await addAgent(server().store, { languages: ["en"], name: "Jonas" });
    const agentSocket = await agentOnline(server().url, agent);
    const visitor = await connectVisitor(server().url);
    const assigned = next<AgentConversationView>(agentSocket, "conversation:assigned");
    const started = await visitor.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "Hello" } });
    if (!started.ok) throw new Error(started.error);
    await assigned;
    const conversationId = started.data.conversation.id;
    for (const text of ["One", "Two"]) {
      const sent = await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text });
      if (!sent.ok) throw new Error(sent.error);
    }
    return { agentSocket, visitor, conversationId };
  }

  it("tells the agent what the customer has seen, and keeps the marker for the customer's next visit", async () => {
    const { agentSocket, visitor, conversationId } = await assignedChat();
    const lastSeq = (await server().store.messages.lastSeq(conversationId));
    const seen = next<{ conversationId: string; seq: number }>(agentSocket, "conversation:seen");
    expect(await visitor.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: lastSeq })).toEqual({ ok: true, data: null });
    expect(await seen).toEqual({ conversationId, seq: lastSeq });
    // The console's list and a reloaded widget both know it.
    const history = await agentSocket.timeout(5000).emitWithAck("conversation:history", { conversationId, afterSeq: 0 });
    expect(history.ok && history.data.conversation.visitorReadSeq).toBe(lastSeq);
    visitor.socket.disconnect();
    const again = await connectVisitor(server().url, visitor.credentials);
    const resumed = await again.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed.ok && (resumed.data.conversation as ConversationView).visitorReadSeq).toBe(lastSeq);
    await server().app.desk.idle();
    expect((await server().store.conversations.get(conversationId))?.visitorReadSeq).toBe(lastSeq);
  });

  it("never lowers the marker, stops at the last message, and says nothing to the agent when it did not move", async () => {
    const { agentSocket, visitor, conversationId } = await assignedChat();
    const lastSeq = await server().store.messages.lastSeq(conversationId);
    const events: unknown[] = [];
    agentSocket.on("conversation:seen", (e) => events.push(e));
    await visitor.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: 999 });
    await expect.poll(() => events).toEqual([{ conversationId, seq: lastSeq }]);
    expect(await visitor.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: 1 })).toEqual({ ok: true, data: null });
    // A later event proves the second read was answered without one of its own.
    const sent = await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "Three" });
    if (!sent.ok) throw new Error(sent.error);
    await visitor.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: sent.data.seq });
    await expect.poll(() => events).toEqual([{ conversationId, seq: lastSeq }, { conversationId, seq: sent.data.seq }]);
    expect((await server().store.conversations.get(conversationId))?.visitorReadSeq).toBe(sent.data.seq);
  });

  it("answers not_found for another visitor's conversation and invalid_payload for a bad seq, changing nothing", async () => {
    const { visitor, conversationId } = await assignedChat();
    const stranger = await connectVisitor(server().url);
    expect(await stranger.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: 2 })).toMatchObject({ ok: false, error: "not_found" });
    expect(await visitor.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: -1 })).toMatchObject({ ok: false, error: "invalid_payload" });
    expect((await server().store.conversations.get(conversationId))?.visitorReadSeq ?? 0).toBe(0);
  });
});

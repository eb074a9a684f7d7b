import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgentConversationView, MessageView } from "../../server/protocol/views.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { addAgent, closeAllSockets, connectAgent, connectVisitor, msgId, next, signIn } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let dataDir: string;
let server: TestServer | null = null;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "parley-restart-"));
});
afterEach(async () => {
  closeAllSockets();
  await server?.close();
  server = null;
  await rm(dataDir, { recursive: true, force: true });
});

const boot = async () => (server = await startTestServer({ store: await openLowdbStore(dataDir, { lock: true }), env: { AGENT_GRACE_SECONDS: "30" } }));

describe("a server restart on the same DATA_DIR", () => {
  it("loses no acknowledged message, dedupes retries across the restart, and keeps the chat with its agent", async () => {
    let s = await boot();
    const agent = await addAgent(s.store, { languages: ["en"] });
    const cookie = await signIn(s.url, agent.email, agent.password);
    const agentSocket = await connectAgent(s.url, cookie);
    const visitor = await connectVisitor(s.url);
    const assigned = next(agentSocket, "conversation:assigned");
    const started = await visitor.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "first" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    await assigned;
    const acked: Array<{ id: string; seq: number }> = [];
    for (let i = 0; i < 15; i++) {
      const id = msgId();
      const reply = await visitor.socket.timeout(5000).emitWithAck("message:send", { conversationId, id, text: `message ${i}` });
      if (!reply.ok) throw new Error(reply.error);
      acked.push({ id, seq: reply.data.seq });
    }
    closeAllSockets();
    await s.close();

    s = await boot();
    const again = await connectVisitor(s.url, visitor.credentials);
    const resumed = await again.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    if (!resumed.ok) throw new Error(resumed.error);
    expect(resumed.data.conversation).toMatchObject({ id: conversationId, status: "assigned" });
    for (const { id, seq } of acked) expect(resumed.data.messages.find((m: MessageView) => m.id === id)?.seq).toBe(seq);
    const seqs = resumed.data.messages.map((m: MessageView) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));

    const retry = await again.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: acked[5]!.id, text: "message 5" });
    expect(retry.ok && retry.data.seq).toBe(acked[5]!.seq);
    const fresh = await again.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "after restart" });
    expect(fresh.ok && fresh.data.seq).toBe(seqs.length + 1);

    // The agent's session survived too, and the chat is still theirs when they come back within the grace period.
    const back = await connectAgent(s.url, cookie);
    const list = await back.timeout(5000).emitWithAck("conversation:list", {});
    expect(list.ok && list.data.conversations.map((c: AgentConversationView) => c.id)).toEqual([conversationId]);
  });
});

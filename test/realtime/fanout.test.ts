// RELIABILITY.md §7 L5 (many agents, busy queues): Parley does not broadcast queue or presence changes. An agent
// hears only about its own chats, and a waiting customer hears only when its own standing changes. With 8 agents
// online and 15 customers coming and going in one language, the agents' traffic is exactly their own chats, and a
// customer waiting in another language's line hears nothing.
import { afterEach, describe, expect, it } from "vitest";
import type { AgentSocket } from "../helpers/clients.js";
import { addAgent, agentOnline, closeAllSockets, connectVisitor, msgId } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
afterEach(async () => {
  closeAllSockets();
  await server.close();
});

/** The conversation an event is about. */
function conversationOf(event: string, payload: unknown): string | undefined {
  const p = payload as { id?: string; conversationId?: string };
  return event === "conversation:assigned" || event === "conversation:updated" ? p.id : p.conversationId;
}

describe("fan-out under churn", () => {
  it("tells each agent only about its own chats, and a customer waiting elsewhere nothing", { timeout: 60_000 }, async () => {
    server = await startTestServer({ env: { LANGUAGES: "en,de" } });
    const agents: Array<{ id: string; socket: AgentSocket; events: Array<[string, string | undefined]> }> = [];
    for (let i = 0; i < 8; i++) {
      const account = await addAgent(server.store, { languages: ["en"] });
      const socket = await agentOnline(server.url, account);
      const entry = { id: account.id, socket, events: [] as Array<[string, string | undefined]> };
      socket.onAny((event: string, payload: unknown) => entry.events.push([event, conversationOf(event, payload)]));
      agents.push(entry);
    }
    // A German customer waits: nobody speaks German.
    const waiting = await connectVisitor(server.url);
    const queued = await waiting.socket.timeout(5000).emitWithAck("conversation:start", { language: "de", message: { id: msgId(), text: "Hallo" } });
    if (!queued.ok) throw new Error(queued.error);
    const heardByWaiting: string[] = [];
    waiting.socket.onAny((event: string) => heardByWaiting.push(event));

    // 15 English customers arrive, are served, say something and leave.
    const churn = await Promise.all(Array.from({ length: 15 }, async (_, i) => {
      const { socket } = await connectVisitor(server.url);
      const started = await socket.timeout(10_000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: `hi ${i}` } });
      if (!started.ok) throw new Error(started.error);
      const id = started.data.conversation.id;
      await expect.poll(async () => (await server.store.conversations.get(id))?.status).toBe("assigned");
      expect((await socket.timeout(5000).emitWithAck("message:send", { conversationId: id, id: msgId(), text: "thanks" })).ok).toBe(true);
      expect((await socket.timeout(5000).emitWithAck("conversation:end", { conversationId: id })).ok).toBe(true);
      return id;
    }));
    await expect.poll(async () => (await Promise.all(churn.map((id) => server.store.conversations.get(id)))).every((c) => c?.status === "closed")).toBe(true);

    // Every event an agent got is about a chat that was assigned to that agent.
    let total = 0;
    for (const agent of agents) {
      const mine = new Set<string>();
      for (const id of churn) if ((await server.store.conversations.get(id))?.assigneeId === agent.id) mine.add(id);
      for (const [event, conversationId] of agent.events) {
        if (event === "agent:updated") continue;
        expect(conversationId && mine.has(conversationId), `${event} about ${conversationId}`).toBe(true);
        total++;
      }
    }
    expect(total).toBeGreaterThanOrEqual(15);
    // The German customer's place did not change: not a single push.
    expect(heardByWaiting).toEqual([]);
  });
});

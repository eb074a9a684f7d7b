// RELIABILITY.md §7 F5 and F10: the network goes silent (a blackhole: nothing arrives, nothing is closed) instead of
// a clean disconnect. Only the Socket.IO heartbeat can tell; the test shortens it (PING_INTERVAL_SECONDS,
// PING_TIMEOUT_SECONDS) and puts a TCP proxy it controls between one client and the server.
import { io, type Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { AgentClientEvents, AgentServerEvents, VisitorClientEvents, VisitorServerEvents } from "../../server/protocol/events.js";
import type { MessageView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connected, msgId, next, registerVisitor, signIn } from "../helpers/clients.js";
import { useServerBehindProxy } from "../helpers/server.js";

const behindProxy = useServerBehindProxy();

// Short enough for a quick test, long enough that a busy machine does not drop the other sockets by mistake.
const HEARTBEAT = { PING_INTERVAL_SECONDS: "1", PING_TIMEOUT_SECONDS: "3" };
const RECONNECT = { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 200, randomizationFactor: 0 };

describe("a blackholed network", () => {
  it("F5: the customer, cut off silently while the agent sends 5, gets exactly those 5 in order once it is back", { timeout: 60_000 }, async () => {
    const { server, proxy } = await behindProxy.start({ env: { LANGUAGES: "en", ...HEARTBEAT } });
    const agent = await agentOnline(server.url, await addAgent(server.store, { languages: ["en"] }));
    const credentials = await registerVisitor(server.url);
    const customer: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${proxy.url}/visitor`, { auth: { ...credentials }, transports: ["websocket"], forceNew: true, ...RECONNECT });
    behindProxy.track(customer);
    await connected(customer);
    const seen = new Map<number, MessageView>();
    customer.on("message:created", (m) => seen.set(m.seq, m));
    const assigned = next<{ id: string }>(agent, "conversation:assigned");
    const started = await customer.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hello" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    await assigned;
    await expect.poll(() => seen.size).toBeGreaterThan(0); // the joined line
    const lastSeen = Math.max(started.data.message.seq, ...seen.keys());

    let dropped = false;
    customer.on("disconnect", () => (dropped = true));
    proxy.blackhole();
    const sent: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const ack = await agent.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: `agent ${i}` });
      if (!ack.ok) throw new Error(ack.error);
      sent.push(ack.data.seq);
    }
    // Only the heartbeat notices the silence.
    await expect.poll(() => dropped, { timeout: 30_000 }).toBe(true);
    expect(sent.every((seq) => !seen.has(seq))).toBe(true);

    const back = new Promise<void>((resolve) => customer.once("connect", () => resolve()));
    proxy.restore();
    await back;
    const resumed = await customer.timeout(5000).emitWithAck("conversation:resume", { afterSeq: lastSeen });
    if (!resumed.ok) throw new Error(resumed.error);
    expect(resumed.data.messages.map((m: MessageView) => m.text)).toEqual(["agent 1", "agent 2", "agent 3", "agent 4", "agent 5"]);
    for (const m of resumed.data.messages) seen.set(m.seq, m);
    // What the customer shows (by seq): every message once, no gap.
    const seqs = [...seen.keys()].sort((a, b) => a - b);
    expect(seqs.filter((s) => s > lastSeen)).toEqual(sent);
  });

  it("F10: a frozen agent is found by the heartbeat, its chat goes to another agent, and its late send is refused", { timeout: 60_000 }, async () => {
    const { server, proxy } = await behindProxy.start({ env: { LANGUAGES: "en", ...HEARTBEAT } });
    const frozenAccount = await addAgent(server.store, { languages: ["en"], name: "Frozen" });
    const frozen: Socket<AgentServerEvents, AgentClientEvents> = io(`${proxy.url}/agent`, {
      extraHeaders: { cookie: await signIn(server.url, frozenAccount.email, frozenAccount.password) },
      transports: ["websocket"],
      forceNew: true,
      ...RECONNECT,
    });
    behindProxy.track(frozen);
    await connected(frozen);
    const assigned = next<{ id: string }>(frozen, "conversation:assigned");
    const customer = io(`${server.url}/visitor`, { auth: { ...(await registerVisitor(server.url)) }, transports: ["websocket"], forceNew: true, reconnection: false }) as Socket<VisitorServerEvents, VisitorClientEvents>;
    behindProxy.track(customer);
    await connected(customer);
    const started = await customer.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "hello" } });
    if (!started.ok) throw new Error(started.error);
    const conversationId = started.data.conversation.id;
    expect((await assigned).id).toBe(conversationId);

    // The agent's machine freezes: no close frame, no FIN.
    proxy.blackhole();
    const other = await agentOnline(server.url, await addAgent(server.store, { languages: ["en"], name: "Other" }));
    const handedOver = next<{ id: string }>(other, "conversation:assigned", (c) => c.id === conversationId, 30_000);
    // Heartbeat (1 + 3 s) and then the agent grace period (0.3 s in tests) pass.
    await handedOver;
    expect((await server.store.conversations.get(conversationId))?.assigneeId).not.toBe(frozenAccount.id);

    // The frozen agent wakes up and sends as if nothing happened.
    const back = new Promise<void>((resolve) => frozen.once("connect", () => resolve()));
    proxy.restore();
    await back;
    const late = await frozen.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "sorry, I was away" });
    // Refused like any conversation that is not the agent's (not_found: nothing tells it whose it is now).
    expect(late.ok).toBe(false);
    expect(!late.ok && ["not_found", "not_assigned"].includes(late.error)).toBe(true);
    const texts = (await server.store.messages.list(conversationId, 0)).map((m) => m.text);
    expect(texts).not.toContain("sorry, I was away");
  });
});

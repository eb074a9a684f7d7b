import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory.js";
import type { AgentRecord, Store } from "../../server/store/port.js";
import { deskOver } from "./fakes.js";

const agentRecord = (id: string, fields: Partial<AgentRecord> = {}): AgentRecord => ({
  id,
  email: `${id}@example.com`,
  name: id.toUpperCase(),
  languages: ["en"],
  maxChats: 3,
  role: "agent",
  passwordHash: "x",
  createdAt: 0,
  updatedAt: 0,
  ...fields,
});

let store: Store;
let counter = 0;
beforeEach(() => {
  store = createMemoryStore();
});

async function chat(desk: Awaited<ReturnType<typeof deskOver>>["desk"], language = "en") {
  const { visitorId } = await desk.visitor.register();
  const { ack: reply } = await desk.visitor.start(visitorId, { language, message: { id: `msg_${counter++}_abcdef`, text: "hi" } });
  if (!reply.ok) throw new Error(reply.error);
  await desk.idle();
  return (await store.conversations.get(reply.data.conversation.id))!;
}

describe("agent presence and hand-back", () => {
  it("keeps an agent's chats through a short disconnect and hands them back after the grace period", async () => {
    const ann = agentRecord("ann");
    await store.agents.put(ann);
    const { desk, time } = await deskOver(store);
    await desk.presence.connected(ann);
    const c = await chat(desk);
    expect(c.assigneeId).toBe("ann");

    await desk.presence.disconnected("ann");
    time.advance(29_000);
    await desk.presence.connected(ann);
    time.advance(5_000);
    await desk.idle();
    expect((await store.conversations.get(c.id))?.assigneeId).toBe("ann");

    await desk.presence.disconnected("ann");
    time.advance(30_000);
    await desk.idle();
    const requeued = await store.conversations.get(c.id);
    expect(requeued).toMatchObject({ status: "queued", assigneeId: null, priority: 1 });
  });

  it("puts a handed-back chat ahead of newer ones in its queue", async () => {
    const ann = agentRecord("ann", { maxChats: 1 });
    await store.agents.put(ann);
    const { desk, time } = await deskOver(store);
    await desk.presence.connected(ann);
    const first = await chat(desk);
    time.advance(1000);
    const second = await chat(desk);
    await desk.presence.disconnected("ann");
    time.advance(30_000);
    await desk.idle();
    expect(desk.core.queues.line("en").map((w) => w.id)).toEqual([first.id, second.id]);
  });

  it("lets an Away agent keep current chats but gives them no new ones", async () => {
    const ann = agentRecord("ann");
    await store.agents.put(ann);
    const { desk } = await deskOver(store);
    await desk.presence.connected(ann);
    const kept = await chat(desk);
    await desk.presence.setStatus("ann", "away");
    const waiting = await chat(desk);
    expect((await store.conversations.get(kept.id))?.assigneeId).toBe("ann");
    expect(waiting.status).toBe("queued");
    await desk.presence.setStatus("ann", "online");
    expect((await store.conversations.get(waiting.id))?.assigneeId).toBe("ann");
  });

  it("hands chats back at once when an agent goes Offline", async () => {
    const ann = agentRecord("ann");
    const bo = agentRecord("bo");
    await store.agents.put(ann);
    const { desk } = await deskOver(store);
    await desk.presence.connected(ann);
    const c = await chat(desk);
    await store.agents.put(bo);
    await desk.syncAgents();
    await desk.presence.connected(bo);
    const offline = await desk.presence.setStatus("ann", "offline");
    expect((await store.conversations.get(c.id))?.assigneeId).toBe("bo");
    expect(offline?.effects).toContainEqual({ type: "conversation.unassigned", agentId: "ann", conversationId: c.id, reason: "requeued" });
    expect(offline?.effects).toContainEqual(expect.objectContaining({ type: "conversation.assigned", agentId: "bo" }));
  });

  it("disconnects a removed agent and hands their chats back", async () => {
    const ann = agentRecord("ann");
    await store.agents.put(ann);
    const { desk, effects } = await deskOver(store);
    await desk.presence.connected(ann);
    const c = await chat(desk);
    await store.agents.remove("ann");
    await desk.syncAgents();
    expect(effects.filter((e) => e.type === "agent.disconnect")).toEqual([{ type: "agent.disconnect", agentId: "ann" }]);
    expect((await store.conversations.get(c.id))?.status).toBe("queued");
  });

  it("picks up a changed language list without a restart", async () => {
    const ann = agentRecord("ann");
    await store.agents.put(ann);
    const { desk } = await deskOver(store);
    await desk.presence.connected(ann);
    const german = await chat(desk, "de");
    expect(german.status).toBe("queued");
    await store.agents.put({ ...ann, languages: ["en", "de"] });
    await desk.syncAgents();
    expect((await store.conversations.get(german.id))?.assigneeId).toBe("ann");
  });

  it("after a restart, restores queues and gives agents the grace period to come back", async () => {
    const ann = agentRecord("ann", { maxChats: 1 });
    await store.agents.put(ann);
    const before = await deskOver(store);
    await before.desk.presence.connected(ann);
    const assigned = await chat(before.desk);
    const waiting = await chat(before.desk);

    const after = await deskOver(store);
    expect(after.desk.core.queues.line("en").map((w) => w.id)).toEqual([waiting.id]);
    expect(after.desk.core.agents.get("ann")?.assigned.has(assigned.id)).toBe(true);
    after.time.advance(30_000);
    await after.desk.idle();
    expect(after.desk.core.queues.line("en").map((w) => w.id)).toEqual([assigned.id, waiting.id]);
  });

  it("never assigns above capacity or the same conversation twice under concurrent arrivals", async () => {
    const agents = ["a", "b", "c"].map((id) => agentRecord(id, { maxChats: 2 }));
    for (const a of agents) await store.agents.put(a);
    const { desk } = await deskOver(store);
    await Promise.all(agents.map((a) => desk.presence.connected(a)));
    const visitors = await Promise.all(Array.from({ length: 20 }, () => desk.visitor.register()));
    await Promise.all(visitors.map((v, i) => desk.visitor.start(v.visitorId, { language: "en", message: { id: `burst_${i}_abcdef`, text: "hi" } })));
    await desk.idle();
    const open = await store.conversations.listOpen();
    const perAgent = new Map<string, number>();
    for (const c of open) if (c.assigneeId) perAgent.set(c.assigneeId, (perAgent.get(c.assigneeId) ?? 0) + 1);
    expect([...perAgent.values()]).toEqual([2, 2, 2]);
    expect(open.filter((c) => c.status === "queued")).toHaveLength(14);
    expect(desk.core.queues.size()).toBe(14);
  });
});

describe("waiting customers who left (ghosts)", () => {
  it("ends, after a restart, a waiting chat whose customer never came back, and counts it as abandoned", async () => {
    const first = await deskOver(store, { QUEUE_ABANDON_SECONDS: "120" });
    const c = await chat(first.desk);
    first.desk.visitors.connected(c.visitorId);
    first.desk.stop();
    // A restart: nobody is connected to the new desk; the customer gets the full allowance from its start.
    const { desk, time } = await deskOver(store, { QUEUE_ABANDON_SECONDS: "120" });
    time.advance(100_000);
    await desk.idle();
    expect((await store.conversations.get(c.id))?.status).toBe("queued");
    time.advance(30_000);
    await desk.idle();
    expect(await store.conversations.get(c.id)).toMatchObject({ status: "closed", closedBy: "system" });
    expect(desk.core.abandonRates.rate("en")).toBeGreaterThan(0);
    expect(desk.core.queues.line("en")).toEqual([]);
  });

  it("forgets visitors who left longer ago than the allowance: a long day does not grow its memory", async () => {
    const { desk, time } = await deskOver(store, { QUEUE_ABANDON_SECONDS: "120" });
    for (let i = 0; i < 500; i++) {
      desk.visitors.connected(`v_day${i}`);
      desk.visitors.disconnected(`v_day${i}`);
    }
    desk.visitors.connected("v_stays");
    expect(desk.visitors.remembered()).toBe(501);
    time.advance(150_000);
    await desk.idle();
    expect(desk.visitors.remembered()).toBe(1);
    expect(desk.visitors.count("v_stays")).toBe(1);
  });
});

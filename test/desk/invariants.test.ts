// Random sequences of arrivals, closes, ends, agents coming and going and changing status, on a fake clock:
// after every step, no agent is above capacity, no conversation is held twice, and every assignment took the
// head of its language queue (FIFO, requeued chats first).
import pino from "pino";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/benchmark.js";
import { loadConfig } from "../../server/config.js";
import { createDesk } from "../../server/desk/desk.js";
import { createMemoryStore } from "../../server/store/memory.js";
import type { AgentRecord } from "../../server/store/port.js";
import { fakeTime } from "./fakes.js";

const LANGUAGES = ["en", "de", "tr"];
/** FIFO as the product promises it, written independently of the code under test: requeued first, then oldest. */
const servedBefore = (a: { priority: number; queuedAt: number }, b: { priority: number; queuedAt: number }) =>
  a.priority > b.priority || (a.priority === b.priority && a.queuedAt < b.queuedAt);

async function run(seed: number, steps: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const store = createMemoryStore();
  const time = fakeTime(Date.parse("2026-03-02T09:00:00Z"));
  const violations: string[] = [];
  let desk: ReturnType<typeof createDesk>;
  // Every assignment is a compare-and-set from queued to assigned: check FIFO at that very moment, while the chat is
  // still in its queue, by watching the store's writes (independent of the desk's own routing code).
  const update = store.conversations.update;
  store.conversations.update = async (next, expectedEpoch) => {
    const before = desk.core.open.get(next.id);
    if (next.status === "assigned" && before?.status === "queued") {
      for (const waiting of desk.core.queues.line(next.language)) {
        if (waiting.id !== next.id && servedBefore(waiting, before)) violations.push(`${next.id} was assigned while ${waiting.id} waited ahead of it`);
      }
    }
    return update(next, expectedEpoch);
  };
  const config = loadConfig({ LANGUAGES: LANGUAGES.join(","), LOG_LEVEL: "silent", AGENT_GRACE_SECONDS: "30", QUEUE_ABANDON_SECONDS: "86400" });
  desk = createDesk({ store, config, publish: () => undefined, logger: pino({ level: "silent" }), now: time.now, schedule: time.schedule });
  const agents: AgentRecord[] = Array.from({ length: 5 }, (_, i) => ({
    id: `a${i}`,
    email: `a${i}@example.com`,
    name: `A${i}`,
    languages: LANGUAGES.filter(() => random() < 0.6).concat(i === 0 ? ["en"] : []),
    maxChats: 1 + Math.floor(random() * 3),
    role: "agent",
    passwordHash: "x",
    createdAt: 0,
    updatedAt: 0,
  }));
  for (const a of agents) await store.agents.put(a);
  await desk.start();
  const visitors: string[] = [];
  let ids = 0;

  const check = async (step: number) => {
    const open = await store.conversations.listOpen();
    for (const a of agents) {
      const held = open.filter((c) => c.assigneeId === a.id && c.status === "assigned").length;
      if (held > a.maxChats) violations.push(`step ${step}: ${a.id} holds ${held} > ${a.maxChats}`);
      if (held !== (desk.core.agents.get(a.id)?.assigned.size ?? 0)) violations.push(`step ${step}: ${a.id} load out of step with the store`);
    }
    const queued = open.filter((c) => c.status === "queued").map((c) => c.id).sort();
    const inQueues = LANGUAGES.flatMap((l) => desk.core.queues.line(l).map((w) => w.id)).sort();
    if (JSON.stringify(queued) !== JSON.stringify(inQueues)) violations.push(`step ${step}: queues and store disagree`);
    if (open.some((c) => c.status === "assigned" && c.assigneeId === null)) violations.push(`step ${step}: assigned without an agent`);
  };

  for (let step = 0; step < steps; step++) {
    const roll = random();
    const agent = pick(agents)!;
    const state = desk.core.agents.get(agent.id);
    const ops: Array<Promise<unknown>> = [];
    if (roll < 0.35) {
      const { visitorId } = await desk.visitor.register();
      visitors.push(visitorId);
      ops.push(desk.visitor.start(visitorId, { language: pick(LANGUAGES)!, message: { id: `inv_${ids++}_abcdef`, text: "hi" } }));
    } else if (roll < 0.5) {
      const mine = [...(state?.assigned ?? [])];
      if (mine.length) ops.push(desk.agent.close(agent.id, pick(mine)!));
    } else if (roll < 0.58) {
      const waiting = LANGUAGES.flatMap((l) => desk.core.queues.line(l).map((w) => w.id));
      const id = pick(waiting);
      const c = id ? desk.core.open.get(id) : undefined;
      if (c) ops.push(desk.visitor.end(c.visitorId, c.id));
    } else if (roll < 0.7) ops.push(desk.presence.connected(agent));
    else if (roll < 0.8) {
      if (state && state.sockets > 0) ops.push(desk.presence.disconnected(agent.id));
    } else if (roll < 0.9) ops.push(desk.presence.setStatus(agent.id, pick(["online", "away", "offline", "online"] as const)!));
    else time.advance(Math.floor(random() * 40_000));
    // Several operations in flight at once, as from several sockets.
    if (random() < 0.3) {
      const { visitorId } = await desk.visitor.register();
      ops.push(desk.visitor.start(visitorId, { language: pick(LANGUAGES)!, message: { id: `inv_${ids++}_abcdef`, text: "hi" } }));
    }
    await Promise.all(ops);
    await desk.idle();
    await check(step);
  }
  desk.stop();
  return violations;
}

describe("routing invariants under random operations", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("holds capacity, single assignment and FIFO (seed %i)", async (seed) => {
    expect(await run(seed, 300)).toEqual([]);
  });
});

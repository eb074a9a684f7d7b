import { describe, expect, it } from "vitest";
import { createQueues, servedBefore } from "../../server/domain/queue.js";

describe("language queues", () => {
  it("serves each language first come, first served", () => {
    const q = createQueues();
    q.enqueue({ id: "b", language: "de", priority: 0, queuedAt: 20 });
    q.enqueue({ id: "a", language: "de", priority: 0, queuedAt: 10 });
    q.enqueue({ id: "c", language: "de", priority: 0, queuedAt: 30 });
    q.enqueue({ id: "x", language: "en", priority: 0, queuedAt: 5 });
    expect(q.line("de").map((w) => w.id)).toEqual(["a", "b", "c"]);
    expect(q.position("c")).toBe(3);
    expect(q.position("x")).toBe(1);
    expect(q.size()).toBe(4);
  });

  it("puts a requeued conversation at the head of its queue", () => {
    const q = createQueues();
    q.enqueue({ id: "new", language: "en", priority: 0, queuedAt: 100 });
    q.enqueue({ id: "requeued", language: "en", priority: 1, queuedAt: 500 });
    expect(q.line("en").map((w) => w.id)).toEqual(["requeued", "new"]);
  });

  it("counts who in another line is served before a conversation, requeued ones first", () => {
    const q = createQueues();
    q.enqueue({ id: "a", language: "de", priority: 0, queuedAt: 10 });
    q.enqueue({ id: "b", language: "de", priority: 0, queuedAt: 30 });
    q.enqueue({ id: "x", language: "en", priority: 0, queuedAt: 20 });
    expect(q.ahead("de", q.get("x")!)).toBe(1);
    expect(q.ahead("en", q.get("a")!)).toBe(0);
    expect(q.ahead("en", q.get("b")!)).toBe(1);
    // Someone about to join (not queued yet) has every line ahead; a requeued conversation has nobody of priority 0.
    expect(q.ahead("de", { id: "new", language: "en", priority: 0, queuedAt: 99 })).toBe(2);
    expect(q.ahead("de", { id: "back", language: "en", priority: 1, queuedAt: 99 })).toBe(0);
    expect(q.ahead("fr", q.get("x")!)).toBe(0);
  });

  it("interleaves the other lines with one: how many of its line are served before each of theirs", () => {
    const q = createQueues();
    for (const [id, queuedAt] of [["d1", 10], ["d2", 30], ["d3", 50]] as const) q.enqueue({ id, language: "de", priority: 0, queuedAt });
    for (const [id, queuedAt] of [["e1", 5], ["e2", 20], ["e3", 40], ["e4", 60]] as const) q.enqueue({ id, language: "en", priority: 0, queuedAt });
    q.enqueue({ id: "t1", language: "tr", priority: 1, queuedAt: 70 });
    expect(servedBefore(q, "de")).toEqual({ en: [0, 1, 2, 3], tr: [0] });
    expect(servedBefore(q, "en")).toEqual({ de: [1, 2, 3], tr: [0] });
    // The same counts `ahead` gives one at a time, and nothing for a language with nobody waiting.
    for (const item of q.line("en")) expect(servedBefore(q, "de").en![q.line("en").indexOf(item)]).toBe(q.ahead("de", item));
    expect(servedBefore(q, "fr")).toEqual({ de: [0, 0, 0], en: [0, 0, 0, 0], tr: [0] });
  });

  it("moves everyone behind up one place when a conversation leaves", () => {
    const q = createQueues();
    for (let i = 0; i < 5; i++) q.enqueue({ id: `c${i}`, language: "en", priority: 0, queuedAt: i });
    expect(q.remove("c1")).toBe(true);
    expect(q.remove("c1")).toBe(false);
    expect([q.position("c0"), q.position("c2"), q.position("c4")]).toEqual([1, 2, 4]);
    expect(q.has("c1")).toBe(false);
  });

  it("re-enqueueing does not duplicate", () => {
    const q = createQueues();
    q.enqueue({ id: "a", language: "en", priority: 0, queuedAt: 1 });
    q.enqueue({ id: "a", language: "en", priority: 1, queuedAt: 1 });
    expect(q.size()).toBe(1);
    expect(q.languages()).toEqual(["en"]);
  });

  it("adds up how long the people in a line have waited so far, through joins, moves and departures", () => {
    const q = createQueues();
    const t0 = 1_772_000_000_000;
    expect(q.waitedMs("en", t0)).toBe(0);
    q.enqueue({ id: "a", language: "en", priority: 0, queuedAt: t0 });
    q.enqueue({ id: "b", language: "en", priority: 0, queuedAt: t0 + 4_000 });
    q.enqueue({ id: "c", language: "de", priority: 0, queuedAt: t0 + 1_000 });
    expect(q.waitedMs("en", t0 + 10_000)).toBe(10_000 + 6_000);
    expect(q.waitedMs("de", t0 + 10_000)).toBe(9_000);
    // Requeued at the head with its own time; moved to another language; gone.
    q.enqueue({ id: "b", language: "en", priority: 1, queuedAt: t0 + 8_000 });
    expect(q.waitedMs("en", t0 + 10_000)).toBe(10_000 + 2_000);
    q.enqueue({ id: "a", language: "de", priority: 0, queuedAt: t0 });
    expect(q.waitedMs("en", t0 + 10_000)).toBe(2_000);
    expect(q.waitedMs("de", t0 + 10_000)).toBe(9_000 + 10_000);
    q.remove("b");
    expect(q.waitedMs("en", t0 + 10_000)).toBe(0);
    // A line that empties and fills again starts from nothing.
    q.enqueue({ id: "d", language: "en", priority: 0, queuedAt: t0 + 20_000 });
    expect(q.waitedMs("en", t0 + 25_000)).toBe(5_000);
    // Whatever the order of changes, it equals the sum over the line.
    for (let i = 0; i < 200; i++) q.enqueue({ id: `x${i}`, language: i % 3 ? "en" : "de", priority: i % 7 === 0 ? 1 : 0, queuedAt: t0 + 30_000 + i * 997 });
    for (let i = 0; i < 200; i += 3) q.remove(`x${i}`);
    const now = t0 + 500_000;
    for (const language of ["en", "de"]) expect(q.waitedMs(language, now)).toBe(q.line(language).reduce((sum, w) => sum + (now - w.queuedAt), 0));
  });

  it("forgets a language whose queue empties", () => {
    const q = createQueues();
    q.enqueue({ id: "a", language: "fr", priority: 0, queuedAt: 1 });
    q.remove("a");
    expect(q.languages()).toEqual([]);
    expect(q.line("fr")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { createQueues } from "../../server/domain/queue.js";

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

  it("forgets a language whose queue empties", () => {
    const q = createQueues();
    q.enqueue({ id: "a", language: "fr", priority: 0, queuedAt: 1 });
    q.remove("a");
    expect(q.languages()).toEqual([]);
    expect(q.line("fr")).toEqual([]);
  });
});

// A waiting customer's estimate counts, per other line, only the customers the desk serves before them (older, or
// requeued to the head): a shared agent's release goes to them first. Someone about to join has every line ahead.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import type { AgentState } from "../../server/desk/agent-state.js";
import { estimateAt, estimateContext, olderThan, standingAt, type LanguageHistory } from "../../server/desk/estimates.js";
import { createQueues } from "../../server/domain/queue.js";
import type { AgentRecord } from "../../server/store/port.js";

const config = loadConfig({ LOG_LEVEL: "silent", LANGUAGES: "en,tr,de" });
const NOW = Date.parse("2026-03-02T10:00:00Z");
const history: LanguageHistory = { handleTimeS: 300, abandonPerS: 0, reliable: true, spreadFactor: 1 };

function agent(id: string, languages: string[], busy: number): AgentState {
  const record: AgentRecord = { id, email: `${id}@example.com`, name: id, languages, maxChats: 3, role: "agent", passwordHash: "x", createdAt: 0, updatedAt: 0 };
  return { record, sockets: 1, status: "online", idleSince: 0, cancelGrace: null, assigned: new Set(Array.from({ length: busy }, (_, k) => `c_${id}_${k}`)) };
}

describe("who is ahead of a waiting customer in other lines", () => {
  // English: Ann (English) and Piotr (English and Turkish), all six slots busy. Waiting: English at 1 and 3 s, Turkish
  // at 2 s, and a Turkish chat handed back to the queue (priority 1) that routing serves before anyone.
  const queues = createQueues();
  queues.enqueue({ id: "en1", language: "en", priority: 0, queuedAt: NOW - 3000 });
  queues.enqueue({ id: "tr1", language: "tr", priority: 0, queuedAt: NOW - 2000 });
  queues.enqueue({ id: "en2", language: "en", priority: 0, queuedAt: NOW - 1000 });
  const agents = [agent("ann", ["en"], 3), agent("piotr", ["en", "tr"], 3)];
  const ctx = () => estimateContext(agents, queues, config, NOW);

  it("counts the other lines' customers served first, by the desk's order", () => {
    expect(olderThan(ctx(), queues.get("en1")!)).toEqual({});
    expect(olderThan(ctx(), queues.get("en2")!)).toEqual({ tr: 1 });
    expect(olderThan(ctx(), queues.get("tr1")!)).toEqual({ en: 1 });
    queues.enqueue({ id: "tr0", language: "tr", priority: 1, queuedAt: NOW - 500 });
    try {
      expect(olderThan(ctx(), queues.get("en1")!)).toEqual({ tr: 1 });
      expect(olderThan(ctx(), queues.get("en2")!)).toEqual({ tr: 2 });
    } finally {
      queues.remove("tr0");
    }
  });

  it("gives the oldest English customer every release, and the one behind the Turkish customer a longer wait", () => {
    const c = ctx();
    // Six slots at 1/300 s each: a release every 50 s. en1 is first and nobody is older: 50 s.
    expect(estimateAt(c, config, "en", 1, history, olderThan(c, queues.get("en1")!))?.meanSeconds).toBe(50);
    // en2 is second, and Piotr's release goes to the older Turkish customer if it is among the first two: 2.75 releases.
    expect(estimateAt(c, config, "en", 2, history, olderThan(c, queues.get("en2")!))?.meanSeconds).toBe(138);
    // The standing says the same, and someone about to join (third) has the Turkish customer ahead too.
    const second = estimateAt(c, config, "en", 2, history, olderThan(c, queues.get("en2")!))!;
    const standing = standingAt(c, config, "en", 2, 2, history, olderThan(c, queues.get("en2")!));
    expect(standing.etaSeconds).toBe(Math.round(second.etaSeconds / 5) * 5);
    expect(standing.etaSeconds).toBeGreaterThan(standingAt(c, config, "en", 2, 2, history, {}).etaSeconds!);
    expect(estimateAt(c, config, "en", 3, history)?.meanSeconds).toBe(Math.round(50 * (3 + 1 - 0.5 ** 3)));
  });
});

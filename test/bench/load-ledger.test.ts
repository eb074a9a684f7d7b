// The load benchmark's accounting: what it counts as lost, duplicated, out of order, unacked and late.
import { describe, expect, it } from "vitest";
import { spread } from "../../bench/load/figures.js";
import { createLedger } from "../../bench/load/ledger.js";

describe("the load ledger", () => {
  it("schedules every chat once a period, phases staggered, and names each message", () => {
    const ledger = createLedger(3, 4, 1, 10_000, 2);
    expect(ledger.total).toBe(8);
    expect([0, 1, 2, 3, 4].map((i) => ledger.intended(i))).toEqual([10_000, 10_250, 10_500, 10_750, 11_000]);
    expect(ledger.id(5)).toBe("load-3-1-1");
  });

  it("counts lost, duplicated, out-of-order, refused and unacked messages, and messages of other runs", () => {
    const ledger = createLedger(1, 2, 1, 0, 3);
    for (let i = 0; i < 6; i++) ledger.sent(i, ledger.intended(i) + 1);
    for (const i of [0, 1, 2, 3]) ledger.acked(i, ledger.intended(i) + 5, null);
    ledger.acked(4, 2_000, "rate_limited");
    // Chat 0: messages 0, 2, then 1 (late: out of order), and 2 again (duplicated). Chat 1: message 0 only, so 1 is lost.
    for (const [id, at] of [["load-1-0-0", 10], ["load-1-0-2", 2_010], ["load-1-0-1", 2_020], ["load-1-0-2", 2_030], ["load-1-1-0", 520], ["load-0-1-0", 600]] as const) ledger.delivered(id, at);
    expect(ledger.settled()).toBe(false);
    const sample = ledger.sample({ disconnects: 0, cpuMs: 1, wallMs: 1 });
    expect(sample).toMatchObject({ sent: 6, ackedOk: 4, ackErrors: { rate_limited: 1 }, unacked: 1, delivered: 4, lost: 1, duplicated: 1, outOfOrder: 1, stray: 1 });
    expect([...sample.deliveryMs]).toEqual([10, 20, 1_020, 10]);
  });

  it("ranks a message that never arrived as infinitely late", () => {
    expect(spread(Float64Array.from([3, 1, 2]), 3)).toEqual({ p50: 2, p99: 3, max: 3 });
    expect(spread(Float64Array.from([3, 1, 2]), 4)).toEqual({ p50: 2, p99: Number.POSITIVE_INFINITY, max: Number.POSITIVE_INFINITY });
  });
});

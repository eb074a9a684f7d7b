import { describe, expect, it } from "vitest";
import { buildReport, percentile, type ReportConversation } from "../../server/domain/report.js";

const H = 3_600_000;
const conv = (createdAt: number, waitS: number | null, handleS: number | null, score: number | null = null): ReportConversation => ({
  createdAt,
  assignedAt: waitS === null ? null : createdAt + waitS * 1000,
  closedAt: handleS === null ? (waitS === null ? createdAt + 120_000 : null) : createdAt + ((waitS ?? 0) + handleS) * 1000,
  status: handleS === null && waitS !== null ? "assigned" : "closed",
  rating: score === null ? null : { score },
});
const hourOf = (t: number) => Math.floor(t / H) % 24;

describe("reports", () => {
  it("takes the nearest-rank percentile", () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 1, 2], 50)).toBe(2);
  });

  it("counts answered within 60 s, waits, handle time, abandonment and ratings", () => {
    const r = buildReport(
      [conv(9 * H, 30, 300, 5), conv(9 * H + 60_000, 90, 600, 1), conv(10 * H, null, null), conv(10 * H, 10, null, null), conv(11 * H, 200, 100, 4)],
      hourOf,
      1,
      Array(24).fill(2),
    );
    expect(r).toMatchObject({ conversations: 5, answered: 4, answeredWithin60s: 2, abandoned: 1, waiting: 0, meanWaitS: 82.5, p90WaitS: 200, meanHandleS: 333.3, abandonmentRate: 0.2, ratings: [1, 0, 0, 1, 1] });
    expect(r.byHour[9]).toEqual({ hour: 9, conversations: 2, meanWaitS: 60, scheduledAgents: 2 });
    expect(r.byHour[10]).toEqual({ hour: 10, conversations: 2, meanWaitS: 10, scheduledAgents: 2 });
    expect(r.byHour[3]).toEqual({ hour: 3, conversations: 0, meanWaitS: null, scheduledAgents: 2 });
  });

  it("averages hourly load over the period's days and says null when nothing was measured", () => {
    const r = buildReport([conv(9 * H, 5, 5), conv(24 * H + 9 * H, 5, 5)], hourOf, 7, []);
    expect(r.byHour[9]!.conversations).toBe(0.3);
    expect(buildReport([], hourOf, 1, [])).toMatchObject({ conversations: 0, meanWaitS: null, p90WaitS: null, meanHandleS: null, abandonmentRate: null });
  });
});

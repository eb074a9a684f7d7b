import { describe, expect, it } from "vitest";
import { dailyRuns, dailySummary, distributionBars, distributionSummary, ratingWord } from "../../console/model/feedback-chart.js";
import { feedbackPath, reportFrom } from "../../console/model/feedback.js";
import { feedbackReport } from "./selfservice-setup.js";

describe("feedback chart data", () => {
  it("names the rating steps", () => {
    expect([1, 2, 3, 4, 5].map(ratingWord)).toEqual(["Terrible", "Bad", "Okay", "Good", "Fantastic"]);
  });

  it("makes one bar per step, the tallest at full height", () => {
    const { bars, total } = distributionBars([1, 0, 2, 4, 8]);
    expect(total).toBe(15);
    expect(bars.map((b) => [b.word, b.count, b.height])).toEqual([
      ["Terrible", 1, 0.125],
      ["Bad", 0, 0],
      ["Okay", 2, 0.25],
      ["Good", 4, 0.5],
      ["Fantastic", 8, 1],
    ]);
  });

  it("draws no heights when there is no feedback", () => {
    expect(distributionBars([0, 0, 0, 0, 0]).bars.every((b) => b.height === 0)).toBe(true);
  });

  it("places daily averages by date and breaks the line at days without feedback", () => {
    const runs = dailyRuns([
      { day: "2025-05-05", count: 1, average: 1 },
      { day: "2025-05-01", count: 2, average: 5 },
      { day: "2025-05-02", count: 1, average: 3 },
    ]);
    expect(runs.map((run) => run.map((p) => p.day))).toEqual([["2025-05-01", "2025-05-02"], ["2025-05-05"]]);
    expect(runs.flat().map((p) => [p.x, p.y])).toEqual([
      [0, 1],
      [0.25, 0.5],
      [1, 0],
    ]);
  });

  it("centres a single day and skips days that are not dates", () => {
    const runs = dailyRuns([
      { day: "2025-05-01", count: 1, average: 4 },
      { day: "yesterday", count: 1, average: 2 },
    ]);
    expect(runs).toEqual([[{ day: "2025-05-01", count: 1, average: 4, x: 0.5, y: 0.75 }]]);
  });

  it("sums the charts up in sentences", () => {
    expect(distributionSummary({ distribution: [1, 0, 0, 2, 1], average: 3.25 })).toBe(
      "Ratings by step: Terrible 1, Bad 0, Okay 0, Good 2, Fantastic 1 (4 in total, average 3.3 out of 5).",
    );
    expect(distributionSummary({ distribution: [0, 0, 0, 0, 0], average: null })).toBe("Ratings by step: no feedback in this period.");
    expect(dailySummary([])).toBe("Average rating per day: no feedback in this period.");
    expect(dailySummary([{ day: "2025-05-01", count: 3, average: 4 }])).toBe("Average rating per day: 4.0 out of 5 on 2025-05-01 (3 ratings).");
    expect(
      dailySummary([
        { day: "2025-05-01", count: 3, average: 4 },
        { day: "2025-05-03", count: 1, average: 2 },
      ]),
    ).toBe("Average rating per day from 2025-05-01 to 2025-05-03, on 2 days with feedback: between 2.0 and 4.0 out of 5; 2.0 on the last day.");
  });
});

describe("feedback queries and replies", () => {
  it.each([
    [{ rating: "", from: "", to: "" }, "/api/agent/feedback"],
    [{ rating: "2", from: "", to: "" }, "/api/agent/feedback?rating=2"],
    [{ rating: "", from: "2025-05-01", to: "2025-05-31" }, "/api/agent/feedback?from=2025-05-01&to=2025-05-31"],
    [{ rating: "5", from: "2025-5-1", to: "" }, "/api/agent/feedback?rating=5"],
  ] as const)("asks for %j at %s", (filters, path) => {
    expect(feedbackPath(filters)).toBe(path);
  });

  it("accepts a report and rejects one without five counts", () => {
    expect(reportFrom(feedbackReport())).toEqual(feedbackReport());
    expect(reportFrom({ ...feedbackReport(), distribution: [1, 2, 3] })).toBeNull();
    expect(reportFrom({ ...feedbackReport(), average: "5" })).toBeNull();
    expect(reportFrom(null)).toBeNull();
  });
});

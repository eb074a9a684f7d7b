import { describe, expect, it } from "vitest";
import { countDown, shownRange, waitParts } from "../../server/domain/wait-shown.js";
import { DICTIONARIES } from "../../widget/app/i18n/all.js";
import { format } from "../../widget/app/i18n/index.js";
import { ar } from "../../widget/app/i18n/ar.js";
import { de } from "../../widget/app/i18n/de.js";
import { en } from "../../widget/app/i18n/en.js";
import { elapsedSince, formatWait } from "../../widget/app/model/wait.js";

const MIN = 60;
const HOUR = 3600;

describe("wait texts", () => {
  it.each([
    // [etaSeconds, etaRange, English text]
    [0, [0, 0], "under 1 min"],
    [20, [5, 59], "under 1 min"],
    [20, null, "under 1 min"],
    [45, null, "about 1–2 min"],
    [70, [10, 170], "under 3 min"],
    [90, [25, 150], "under 3 min"],
    [4 * MIN, [3 * MIN, 5 * MIN], "about 3–5 min"],
    [4 * MIN, [3 * MIN + 20, 5 * MIN - 20], "about 3–5 min"],
    // A range never collapses to one number.
    [4 * MIN, [3.6 * MIN, 4.4 * MIN], "about 4–5 min"],
    [10 * MIN, [8 * MIN + 10, 12 * MIN + 40], "about 8–13 min"],
    [50 * MIN, [40 * MIN, 59 * MIN], "about 40–59 min"],
    // From an hour on, 5-minute steps; from 3 hours on, quarter hours; from 10 hours on, hours.
    [80 * MIN, [62 * MIN, 98 * MIN], "about 60–100 min"],
    [4 * HOUR, [3.8 * HOUR, 4.1 * HOUR], "about 225–240 min"],
    [12 * HOUR, [11 * HOUR, 13.4 * HOUR], "about 11–13 h"],
    [null, null, ""],
  ] as const)("%s s within %j reads %j", (eta, range, text) => {
    expect(formatWait(en, eta, range)).toBe(text);
  });

  it("says a rough guess when the estimate is flagged unreliable", () => {
    expect(formatWait(en, 4 * MIN, [3 * MIN, 5 * MIN], { reliable: false })).toBe("about 3–5 min (a rough guess: too few chats so far)");
    expect(formatWait(en, 4 * MIN, [3 * MIN, 5 * MIN], { reliable: true })).toBe("about 3–5 min");
  });

  it("speaks every UI language, with the numbers in place", () => {
    expect(formatWait(de, 4 * MIN, [3 * MIN, 5 * MIN])).toBe("etwa 3–5 Min.");
    expect(formatWait(de, 60, [10, 170])).toBe("unter 3 Min.");
    expect(formatWait(ar, 60, [10, 170])).toBe("أقل من 3 دقيقة");
    for (const dict of Object.values(DICTIONARIES)) {
      expect(formatWait(dict, 60, [10, 170])).toContain("3");
      expect(formatWait(dict, 10 * MIN, [8 * MIN, 13 * MIN])).toMatch(/8.*13/);
      expect(format(dict.waitRough, { wait: "X" })).toContain("X");
    }
  });

  it("rounds a reversed or negative range and refuses a missing one", () => {
    expect(waitParts([6 * MIN, 2 * MIN])).toEqual({ unit: "min", under: false, lo: 2, hi: 6 });
    expect(waitParts([-5, 30])).toEqual({ unit: "min", under: true, hi: 1 });
    expect(waitParts([Number.NaN, 3])).toBeNull();
    expect(waitParts(null)).toBeNull();
  });

  it("scores the range people read: shownRange is the worded range back in seconds", () => {
    expect(shownRange([10, 170])).toEqual([0, 180]);
    expect(shownRange([8 * MIN + 10, 12 * MIN + 40])).toEqual([8 * MIN, 13 * MIN]);
    expect(shownRange([3.8 * HOUR, 4.1 * HOUR])).toEqual([225 * MIN, 240 * MIN]);
  });
});

describe("the countdown between pushes", () => {
  it("moves both ends down by the time elapsed, never below zero", () => {
    expect(countDown([8 * MIN, 13 * MIN], 2 * MIN)).toEqual([6 * MIN, 11 * MIN]);
    expect(countDown([8 * MIN, 13 * MIN], 20 * MIN)).toEqual([0, 0]);
    expect(countDown([8 * MIN, 13 * MIN], -5)).toEqual([8 * MIN, 13 * MIN]);
  });

  it("rewords the range as it counts down", () => {
    const range = [8 * MIN, 13 * MIN] as const;
    expect(formatWait(en, 10 * MIN, range, { elapsedS: 0 })).toBe("about 8–13 min");
    expect(formatWait(en, 10 * MIN, range, { elapsedS: 3 * MIN })).toBe("about 5–10 min");
    expect(formatWait(en, 10 * MIN, range, { elapsedS: 8 * MIN })).toBe("under 5 min");
    expect(formatWait(en, 10 * MIN, range, { elapsedS: 30 * MIN })).toBe("under 1 min");
  });

  it("counts from when the server computed the standing, unless the visitor's clock is off", () => {
    // Arrived 2 s after it was computed, 60 s ago: 62 s.
    expect(elapsedSince(1_000_000, 1_002_000, 1_062_000)).toBe(62);
    // The visitor's clock is 10 minutes behind (arrived "before" it was computed): count from arrival.
    expect(elapsedSince(1_000_000, 400_000, 460_000)).toBe(60);
    // 10 minutes ahead: an implausible transit is ignored too.
    expect(elapsedSince(1_000_000, 1_600_000, 1_660_000)).toBe(60);
    expect(elapsedSince(1_000_000, 1_002_000, 1_001_000)).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { de } from "../../widget/app/i18n/de.js";
import { en } from "../../widget/app/i18n/en.js";
import { formatWait, waitParts } from "../../widget/app/model/wait.js";

const MIN = 60;
const HOUR = 3600;

describe("wait texts", () => {
  it.each([
    // [etaSeconds, etaRange, English text]
    [0, [0, 0], "less than a minute"],
    [20, [5, 59], "less than a minute"],
    [45, null, "less than a minute"],
    [60, null, "about 1 min"],
    [90, [30, 150], "about 1–3 min"],
    [4 * MIN, [3 * MIN, 5 * MIN], "about 3–5 min"],
    [4 * MIN, [3 * MIN + 20, 5 * MIN - 20], "about 3–5 min"],
    [4 * MIN, [3.6 * MIN, 4.4 * MIN], "about 4 min"],
    [70 * MIN, [50 * MIN, 89 * MIN], "about 50–89 min"],
    [80 * MIN, [60 * MIN, 90 * MIN], "about 1–2 h"],
    [2 * HOUR, [100 * MIN, 150 * MIN], "about 2–3 h"],
    [2 * HOUR, [2 * HOUR, 2 * HOUR + 10 * MIN], "about 2 h"],
    [3 * HOUR, [10 * MIN, 4 * HOUR], "about 1–4 h"],
    [null, null, ""],
  ] as const)("%s s within %j reads %j", (eta, range, text) => {
    expect(formatWait(en, eta, range)).toBe(text);
  });

  it("prefers the range to the point estimate and tolerates a reversed or negative range", () => {
    expect(waitParts(10 * MIN, [2 * MIN, 6 * MIN])).toEqual({ unit: "min", lo: 2, hi: 6 });
    expect(waitParts(null, [6 * MIN, 2 * MIN])).toEqual({ unit: "min", lo: 2, hi: 6 });
    expect(waitParts(30, [-5, 30])).toEqual({ unit: "underMinute" });
    expect(waitParts(Number.NaN, null)).toBeNull();
  });

  it("speaks the UI language", () => {
    expect(formatWait(de, 4 * MIN, [3 * MIN, 5 * MIN])).toBe("etwa 3–5 Min.");
    expect(formatWait(de, 30, null)).toBe("weniger als eine Minute");
    expect(formatWait(de, 2 * HOUR, [2 * HOUR, 3 * HOUR])).toBe("etwa 2–3 Std.");
  });
});

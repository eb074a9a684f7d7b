import { describe, expect, it } from "vitest";
import { formatShift, isTimeZone, keptZoneFormats, localTime, onShift, parseShift, shiftChanges, type Schedule, type Shift } from "../../server/domain/schedule.js";

const shift = (text: string): Shift => {
  const parsed = parseShift(text);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
};
const at = (iso: string) => Date.parse(iso);

describe("parsing shifts", () => {
  it.each([
    ["Mon-Fri 08:00-16:00", "Mon,Tue,Wed,Thu,Fri 08:00-16:00"],
    ["Sat,Sun 10:00-14:00", "Sun,Sat 10:00-14:00"],
    ["Fri-Mon 22:00-06:00", "Sun,Mon,Fri,Sat 22:00-06:00"],
    ["Daily 00:00-24:00", "Sun,Mon,Tue,Wed,Thu,Fri,Sat 00:00-24:00"],
    ["mon 09:30-10:00", "Mon 09:30-10:00"],
  ])("reads %s", (text, formatted) => {
    expect(formatShift(shift(text))).toBe(formatted);
  });

  it.each(["Mon-Fri", "Mon-Fri 8:00-16:00", "Funday 08:00-16:00", "Mon 25:00-26:00", "Mon 08:00-08:00", "Mon 24:00-02:00", "Mon 08:60-09:00"])(
    "refuses %s with a message",
    (text) => {
      expect(typeof parseShift(text)).toBe("string");
    },
  );

  it("knows real time zones and refuses made-up ones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("being on shift", () => {
  const berlin: Schedule = { timeZone: "Europe/Berlin", shifts: [shift("Mon-Fri 08:00-16:00")] };
  const night: Schedule = { timeZone: "America/New_York", shifts: [shift("Sun-Thu 22:00-06:00")] };

  it.each([
    ["a Monday 08:00 in Berlin in winter (07:00 UTC)", berlin, "2026-03-02T07:00:00Z", true],
    ["a Monday 07:59 in Berlin", berlin, "2026-03-02T06:59:00Z", false],
    ["a Monday 16:00 in Berlin (the end is exclusive)", berlin, "2026-03-02T15:00:00Z", false],
    ["a Saturday noon in Berlin", berlin, "2026-03-07T11:00:00Z", false],
    ["a Monday 08:00 in Berlin in summer (06:00 UTC)", berlin, "2026-06-01T06:00:00Z", true],
    ["the day after the spring DST change, 08:30 local", berlin, "2026-03-30T06:30:00Z", true],
    ["a Sunday 23:00 in New York: the night shift started", night, "2026-03-02T04:00:00Z", true],
    ["a Monday 05:59 in New York: still the Sunday night shift", night, "2026-03-02T10:59:00Z", true],
    ["a Friday 03:00 in New York: Thursday's shift crossed midnight", night, "2026-03-06T08:00:00Z", true],
    ["a Friday 23:00 in New York: no Friday night shift", night, "2026-03-07T04:00:00Z", false],
    ["a Saturday 03:00 in New York", night, "2026-03-07T08:00:00Z", false],
  ])("%s → %s", (_title, schedule, iso, expected) => {
    expect(onShift(schedule, at(iso))).toBe(expected);
  });

  it("treats an agent with no schedule as always on shift", () => {
    expect(onShift({ timeZone: "UTC", shifts: [] }, at("2026-03-07T03:00:00Z"))).toBe(true);
  });
});

describe("shift changes ahead", () => {
  it("finds the start and the end of today's shift to the minute", () => {
    const berlin: Schedule = { timeZone: "Europe/Berlin", shifts: [shift("Mon-Fri 08:00-16:00")] };
    expect(shiftChanges(berlin, at("2026-03-02T06:00:00Z"), 10 * 3_600_000)).toEqual([
      { at: at("2026-03-02T07:00:00Z"), on: true },
      { at: at("2026-03-02T15:00:00Z"), on: false },
    ]);
  });

  it("follows the local clock across the autumn DST change", () => {
    const berlin: Schedule = { timeZone: "Europe/Berlin", shifts: [shift("Daily 08:00-09:00")] };
    // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET, so 08:00 local is 07:00 UTC instead of 06:00.
    expect(shiftChanges(berlin, at("2026-10-24T12:00:00Z"), 24 * 3_600_000)).toEqual([
      { at: at("2026-10-25T07:00:00Z"), on: true },
      { at: at("2026-10-25T08:00:00Z"), on: false },
    ]);
  });

  it("finds nothing for an agent with no schedule", () => {
    expect(shiftChanges({ timeZone: "UTC", shifts: [] }, 0, 86_400_000)).toEqual([]);
  });
});

describe("time-zone formatters", () => {
  it("reads a zone in any spelling the same way, and keeps a bounded number of formatters however many spellings are asked for", () => {
    const t = Date.UTC(2026, 2, 2, 7, 30);
    expect(localTime(t, "europe/berlin")).toEqual(localTime(t, "Europe/Berlin"));
    const before = keptZoneFormats();
    // 2^13 spellings of one zone, as a query parameter could send them.
    const letters = "europe/berlin".split("");
    for (let mask = 0; mask < 1 << 13; mask++) {
      const zone = letters.map((c, i) => (mask & (1 << i) ? c.toUpperCase() : c)).join("");
      expect(localTime(t, zone).minute).toBe(8 * 60 + 30);
    }
    expect(keptZoneFormats() - before).toBeLessThanOrEqual(256 + 1);
  });
});

import { describe, expect, it } from "vitest";
import { coverage, zonedInstant } from "../../server/domain/coverage.js";
import { parseShift, type Shift } from "../../server/domain/schedule.js";

const shift = (text: string) => parseShift(text) as Shift;
const WEDNESDAY = Date.parse("2026-03-04T12:00:00Z");

describe("staffing coverage", () => {
  it("counts scheduled agents per hour of the week and finds the gaps", () => {
    const agents = [
      { languages: ["de"], schedule: { timeZone: "Europe/Berlin", shifts: [shift("Mon-Fri 08:00-16:00")] } },
      { languages: ["de", "en"], schedule: { timeZone: "Europe/Berlin", shifts: [shift("Mon-Fri 12:00-20:00")] } },
    ];
    const [de, en] = coverage(agents, ["de", "en"], WEDNESDAY, "Europe/Berlin");
    expect(de!.hours.slice(0, 24)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(de!.gaps[0]).toEqual({ fromHour: 0, toHour: 8, label: "Mon 00:00–Mon 08:00" });
    expect(de!.gaps.at(-1)).toEqual({ fromHour: 116, toHour: 168, label: "Fri 20:00–Mon 00:00" });
    expect(en!.hours[12]).toBe(1);
    expect(en!.hours[11]).toBe(0);
  });

  it("lines up agents in another time zone with the viewer's clock", () => {
    const agents = [{ languages: ["en"], schedule: { timeZone: "America/New_York", shifts: [shift("Mon 09:00-10:00")] } }];
    const [en] = coverage(agents, ["en"], WEDNESDAY, "Europe/Berlin");
    // 09:00 in New York is 15:00 in Berlin (both on winter time on 2 March 2026).
    expect(en!.hours.indexOf(1)).toBe(15);
    expect(en!.hours.filter((n) => n > 0)).toHaveLength(1);
  });

  it("counts an agent with no schedule at every hour, and reports a language nobody speaks as one long gap", () => {
    const [en, ja] = coverage([{ languages: ["en"], schedule: { timeZone: "UTC", shifts: [] } }], ["en", "ja"], WEDNESDAY, "UTC");
    expect(en!.hours.every((n) => n === 1)).toBe(true);
    expect(ja!.gaps).toEqual([{ fromHour: 0, toHour: 168, label: "Mon 00:00–Mon 00:00" }]);
  });

  it("finds the instant of a local time across a DST change", () => {
    expect(zonedInstant(2026, 3, 29, 8 * 60, "Europe/Berlin")).toBe(Date.parse("2026-03-29T06:00:00Z"));
    expect(zonedInstant(2026, 3, 28, 8 * 60, "Europe/Berlin")).toBe(Date.parse("2026-03-28T07:00:00Z"));
  });
});

import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../../bench/simulator/scenario.js";
import { busyHours, rawScenario } from "./fixtures.js";

const agent = (fields: Record<string, unknown>) => ({ agents: [{ name: "Ann", languages: ["en"], maxChats: 2, ...fields }] });

describe("scenario files", () => {
  it.each([
    ["23 hourly arrival rates", { languages: { en: { arrivalsPerHour: busyHours(5).slice(1), meanHandleSeconds: 300, patienceSeconds: 600 } } }, "languages.en.arrivalsPerHour"],
    ["a negative arrival rate", { languages: { en: { arrivalsPerHour: [-1, ...busyHours(5).slice(1)], meanHandleSeconds: 300, patienceSeconds: 600 } } }, "languages.en.arrivalsPerHour[0]"],
    ["a missing patience", { languages: { en: { arrivalsPerHour: busyHours(5), meanHandleSeconds: 300 } } }, "languages.en.patienceSeconds"],
    ["a misspelt field", { languages: { en: { arrivalsPerHour: busyHours(5), meanHandleSeconds: 300, patienceSecond: 600 } } }, "languages.en"],
    ["zero days", { days: 0 }, "days"],
    ["a start that is not a date", { start: "Monday" }, "start"],
    ["a start between whole hours", { start: "2026-03-02T00:30:00Z" }, "start"],
    ["a fractional maxChats", agent({ maxChats: 1.5 }), "agents[0].maxChats"],
    ["an agent with no languages", agent({ languages: [] }), "agents[0].languages"],
    ["an unknown time zone", agent({ timeZone: "Mars/Olympus" }), "agents[0].timeZone"],
    ["a shift with a bad day", agent({ shifts: [{ days: "Mon-Fry", from: "08:00", to: "16:00" }] }), "agents[0].shifts[0]"],
    ["a shift with a bad time", agent({ shifts: [{ days: "Mon-Fri", from: "8am", to: "16:00" }] }), "agents[0].shifts[0]"],
    ["an unknown handle distribution", { handleDistribution: "gamma" }, "handleDistribution"],
    ["a CV without lognormal handle times", { handleCV: 0.5 }, "handleCV"],
  ])("refuses %s and names the field", (_title, fields, field) => {
    const result = parseScenario(rawScenario(fields));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.some((e) => e.startsWith(`${field}:`))).toBe(true);
  });

  it("turns shift objects into the domain's shifts, in the agent's time zone", () => {
    const result = parseScenario(rawScenario(agent({ timeZone: "Europe/Berlin", shifts: [{ days: "Mon-Fri", from: "08:00", to: "16:00" }] })));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.scenario.agents[0]!.schedule).toEqual({ timeZone: "Europe/Berlin", shifts: [{ days: ["Mon", "Tue", "Wed", "Thu", "Fri"], from: 480, to: 960 }] });
  });

  it("accepts the shipped scenarios", async () => {
    for (const file of ["bench/scenarios/steady-day.json", "bench/scenarios/peak-day.json"]) {
      const result = await loadScenario(file);
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });

  it("names the file when it is missing or not JSON", async () => {
    const missing = await loadScenario("bench/scenarios/no-such-file.json");
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]).toMatch(/^bench\/scenarios\/no-such-file\.json: cannot read it/);
  });
});

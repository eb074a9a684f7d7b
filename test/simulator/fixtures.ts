// Small scenarios for simulator tests: a few busy hours, so a run takes milliseconds.
import { parseScenario, type Scenario } from "../../bench/simulator/scenario.js";

/** Arrivals per UTC hour: `perHour` from 08:00 to 08:00 + hours, none otherwise. */
export const busyHours = (perHour: number, hours = 3): number[] => Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 8 + hours ? perHour : 0));

/** A raw scenario (as in a file) with one language and two always-on agents, overridden by `fields`. */
export function rawScenario(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    days: 1,
    start: "2026-03-02T00:00:00Z",
    languages: { en: { arrivalsPerHour: busyHours(30), meanHandleSeconds: 300, patienceSeconds: 600 } },
    agents: [
      { name: "Ann", languages: ["en"], maxChats: 2 },
      { name: "Bo", languages: ["en"], maxChats: 2 },
    ],
    ...fields,
  };
}

/** A checked scenario; throws with the errors when `fields` make it invalid. */
export function scenario(fields: Record<string, unknown> = {}): Scenario {
  const result = parseScenario(rawScenario(fields));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.scenario;
}

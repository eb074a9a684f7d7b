// Who is on shift when: each agent's shift changes over the whole run (from the domain's shiftChanges, computed
// once), and the staffing of every simulated hour split by language for the Erlang C reference and utilization.
import { onShift, shiftChanges } from "../../server/domain/schedule.js";
import { fitShares } from "./shares.js";

import type { Scenario, ScenarioAgent } from "./scenario.js";

export const HOUR_MS = 3_600_000;

/** An agent's on-shift state at the start and every change after it until the run's horizon. */
export interface AgentShifts {
  agent: ScenarioAgent;
  onAtStart: boolean;
  changes: ReadonlyArray<{ at: number; on: boolean }>;
}

/** How long past the last arrival shift changes are known: long enough for the last estimates and waits. */
export const lastKnown = (scenario: Scenario) => scenario.end + 2 * scenario.horizonHours * HOUR_MS;

export function planShifts(scenario: Scenario): AgentShifts[] {
  return scenario.agents.map((agent) => ({
    agent,
    onAtStart: onShift(agent.schedule, scenario.start),
    changes: shiftChanges(agent.schedule, scenario.start, lastKnown(scenario) - scenario.start),
  }));
}

/** Share of [from, to) the agent is on shift. */
export function onFraction(shifts: AgentShifts, from: number, to: number): number {
  let on = shifts.onAtStart;
  let since = from;
  let total = 0;
  for (const change of shifts.changes) {
    if (change.at <= from) {
      on = change.on;
      continue;
    }
    if (change.at >= to) break;
    if (on) total += change.at - since;
    since = change.at;
    on = change.on;
  }
  if (on) total += to - since;
  return total / (to - from);
}

/** Offered load (Erlangs) of every language in the UTC hour that contains `at`. */
export function offeredLoad(scenario: Scenario, at: number): Record<string, number> {
  const hour = new Date(at).getUTCHours();
  return Object.fromEntries(Object.entries(scenario.languages).map(([code, l]) => [code, (l.arrivalsPerHour[hour]! * l.meanHandleSeconds) / 3600]));
}

/** One simulated hour: chat slots on shift in all, and per language with multilingual agents split by offered load. */
export interface HourStaffing {
  at: number;
  slots: number;
  servers: Record<string, number>;
}

/**
 * Splits each agent's slots between the scenario languages they speak by offered load: starting from an even split,
 * each agent's part in a language is scaled by that language's offered load per slot, 200 times (proportional
 * fitting). It settles where load per slot is as even as the agents' languages allow: a language others already
 * serve well takes little of a multilingual agent, one only they speak takes what its load needs. With no load in
 * any of their languages an agent's slots are split evenly.
 */
export function splitServers(load: Record<string, number>, agents: ReadonlyArray<{ languages: readonly string[]; capacity: number }>): Record<string, number> {
  const servers: Record<string, number> = Object.fromEntries(Object.keys(load).map((code) => [code, 0]));
  fitShares(load, agents).forEach((share, i) => share.forEach((part, l) => (servers[l]! += part * agents[i]!.capacity)));
  return servers;
}

export function hourlyStaffing(scenario: Scenario, shifts: readonly AgentShifts[]): HourStaffing[] {
  const hours: HourStaffing[] = [];
  for (let at = scenario.start; at < scenario.end; at += HOUR_MS) {
    const present = shifts.map((s) => ({ languages: s.agent.languages, capacity: s.agent.maxChats * onFraction(s, at, at + HOUR_MS) }));
    hours.push({ at, slots: present.reduce((sum, a) => sum + a.capacity, 0), servers: splitServers(offeredLoad(scenario, at), present) });
  }
  return hours;
}

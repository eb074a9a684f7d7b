// One simulated run: Poisson arrivals per language and UTC hour, handle times and patience drawn per customer,
// shift changes from the agents' schedules, all on a virtual clock. Each language draws from its own stream, so
// the same seed gives the same customers (arrival, patience, handle time) whatever the routing policy.
import type { RoutingPolicy } from "../../server/domain/routing.js";
import { createSimDesk, type Customer } from "./desk.js";
import { createEventLoop } from "./event-loop.js";
import { createOracle } from "./oracle.js";
import { createRandom, type Random } from "./prng.js";
import type { Scenario } from "./scenario.js";
import { HOUR_MS, hourlyStaffing, lastKnown, planShifts, type HourStaffing } from "./staffing.js";

export interface SimOptions {
  seed: number;
  policy: RoutingPolicy;
  /** Forks per arrival for the oracle (0 or absent: no oracle). */
  oracleK?: number;
}

/** Shift changes this close to an arrival put it in the "near a shift change" stratum. */
export const NEAR_SHIFT_MS = 15 * 60_000;

export interface SimResult {
  scenario: Scenario;
  options: SimOptions;
  /** Every customer, in arrival order. */
  customers: Customer[];
  staffing: HourStaffing[];
  /** Chat time (ms) within the simulated days, per queue language. */
  busyMs: Record<string, number>;
}

type Event =
  | { type: "arrival"; language: string }
  | { type: "abandon"; customer: Customer }
  | { type: "finish"; customer: Customer; agent: number }
  | { type: "shift"; agent: number; on: boolean };

/** When the next arrival after `t` comes: exponential gaps at each UTC hour's rate (memoryless across hours). */
function nextArrival(rates: readonly number[], random: Random, t: number, end: number): number | null {
  while (t < end) {
    const hourEnd = Math.min(end, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS);
    const perMs = rates[new Date(t).getUTCHours()]! / HOUR_MS;
    const at = perMs > 0 ? t + random.exponential(1 / perMs) : Infinity;
    if (at < hourEnd) return Math.round(at) < end ? Math.max(t, Math.round(at)) : null;
    t = hourEnd;
  }
  return null;
}

export function simulate(scenario: Scenario, options: SimOptions): SimResult {
  const shifts = planShifts(scenario);
  const desk = createSimDesk(scenario, shifts, options.policy);
  const loop = createEventLoop<Event>(scenario.start);
  const customers: Customer[] = [];
  const busyMs: Record<string, number> = {};
  const streams = new Map(Object.keys(scenario.languages).map((code) => [code, createRandom(options.seed, `language:${code}`)]));
  const oracle = options.oracleK ? createOracle(scenario, options.seed, options.oracleK) : null;
  // People who gave up, still in line as ghosts until a slot would have reached them.
  let ghosts: Customer[] = [];
  const older = (a: Customer, b: Customer) => a.arrivedAt < b.arrivedAt || (a.arrivedAt === b.arrivedAt && a.seq < b.seq);
  const reach = (ghost: Customer, now: number) => (ghost.potentialWaitMs = now - ghost.arrivedAt);
  /**
   * A ghost is reached when routing gives a slot to someone younger that the ghost's agent could have taken
   * instead (oldest first), or when a slot that could take them stays free.
   */
  const reachGhosts = (made: ReadonlyArray<{ customer: Customer; agent: number }>, now: number) => {
    if (ghosts.length === 0) return;
    for (const { customer, agent } of made) {
      const speaks = desk.agents[agent]!.languages;
      for (const g of ghosts) if (g.potentialWaitMs === null && speaks.includes(g.queue) && older(g, customer)) reach(g, now);
    }
    for (const g of ghosts) {
      if (g.potentialWaitMs === null && desk.agents.some((a) => a.accepting && a.load < a.maxChats && a.languages.includes(g.queue))) reach(g, now);
    }
    ghosts = ghosts.filter((g) => g.potentialWaitMs === null);
  };
  const nearShift = (queue: string, now: number) =>
    shifts.some((s) => s.agent.languages.includes(queue) && s.changes.some((c) => Math.abs(c.at - now) <= NEAR_SHIFT_MS));
  const handle = (random: Random, mean: number) =>
    scenario.handleDistribution === "lognormal" ? random.lognormal(mean, scenario.handleCV) : random.exponential(mean);

  const arrive = (language: string, from: number) => {
    const at = nextArrival(scenario.languages[language]!.arrivalsPerHour, streams.get(language)!, from, scenario.end);
    if (at !== null) loop.schedule(at, { type: "arrival", language });
  };
  for (const code of Object.keys(scenario.languages)) arrive(code, scenario.start);
  shifts.forEach((s, agent) => {
    for (const change of s.changes) if (change.at <= lastKnown(scenario)) loop.schedule(change.at, { type: "shift", agent, on: change.on });
  });

  const assign = (now: number) => {
    const made = desk.assign(now);
    for (const { customer, agent } of made) {
      customer.result = "answered";
      customer.waitedMs = now - customer.arrivedAt;
      customer.potentialWaitMs = customer.waitedMs;
      const from = Math.max(now, scenario.start);
      const to = Math.min(now + customer.handleMs, scenario.end);
      busyMs[customer.queue] = (busyMs[customer.queue] ?? 0) + Math.max(0, to - from);
      loop.schedule(now + customer.handleMs, { type: "finish", customer, agent });
    }
    reachGhosts(made, now);
  };

  for (let event = loop.next(); event; event = loop.next()) {
    const now = loop.now();
    if (event.type === "arrival") {
      const { language } = event;
      const spec = scenario.languages[language]!;
      const random = streams.get(language)!;
      const customer: Customer = {
        id: `c${customers.length}`,
        seq: customers.length,
        language,
        queue: language,
        route: "own",
        arrivedAt: now,
        patienceMs: Math.round(random.exponential(spec.patienceSeconds * 1000)),
        handleMs: Math.max(1, Math.round(handle(random, spec.meanHandleSeconds * 1000))),
        eta: desk.estimate(language, now),
        result: null,
        waitedMs: 0,
        position: 0,
        potentialWaitMs: null,
        oracle: null,
        baselines: null,
        nearShiftChange: false,
        roughGuess: false,
      };
      customers.push(customer);
      arrive(language, now);
      if (customer.eta === null && language !== scenario.fallbackLanguage) {
        customer.eta = desk.estimate(scenario.fallbackLanguage, now);
        if (customer.eta) (customer.route = "fallback"), (customer.queue = scenario.fallbackLanguage);
      }
      if (customer.eta === null) {
        customer.route = "message";
        continue;
      }
      customer.position = desk.placeFor(customer.queue);
      customer.baselines = desk.baselines(customer.queue, now);
      customer.nearShiftChange = nearShift(customer.queue, now);
      customer.roughGuess = !desk.reliable(customer.queue);
      if (oracle) customer.oracle = oracle.wait(desk.oracleState(customer.queue, now), customer);
      desk.join(customer, now);
      loop.schedule(now + customer.patienceMs, { type: "abandon", customer });
    } else if (event.type === "abandon") {
      if (event.customer.result === null && desk.leave(event.customer, now)) {
        event.customer.result = "abandoned";
        event.customer.waitedMs = event.customer.patienceMs;
        ghosts.push(event.customer);
      }
      continue;
    } else if (event.type === "finish") {
      desk.finish(event.agent, event.customer);
    } else {
      desk.setAccepting(event.agent, event.on, now);
    }
    assign(now);
  }
  return { scenario, options, customers, staffing: hourlyStaffing(scenario, shifts), busyMs };
}

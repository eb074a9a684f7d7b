// The simulated desk: the real queues, routing and estimates (server/domain) over agents whose state the event
// loop changes. Mirrors what server/desk/core.ts does on each change, without I/O.
import { createAbandonRates, createHandleTimes, createSpreadCalibration, estimateWait, type Eta } from "../../server/domain/eta.js";
import { createQueues, servedBefore } from "../../server/domain/queue.js";
import { planAssignments, type AgentSlot, type RoutingPolicy } from "../../server/domain/routing.js";
import type { Baselines } from "./baselines.js";
import type { OracleState, OracleWait } from "./oracle.js";
import type { Scenario } from "./scenario.js";
import { HOUR_MS, type AgentShifts } from "./staffing.js";

/** One simulated customer. Times are virtual epoch milliseconds. */
export interface Customer {
  id: string;
  /** Arrival order (0-based). */
  seq: number;
  /** Their own language. */
  language: string;
  /** The queue they joined: their language, or the fallback language when nobody serves theirs within the horizon. */
  queue: string;
  route: "own" | "fallback" | "message";
  arrivedAt: number;
  patienceMs: number;
  handleMs: number;
  /** The estimate shown at arrival (of the queue they joined); null for a message. */
  eta: Eta | null;
  /** Null while waiting, and for a customer who left a message. */
  result: "answered" | "abandoned" | null;
  waitedMs: number;
  /** Place in the queue they joined (line + 1 at arrival); 0 for a message. */
  position: number;
  /**
   * Until a slot reached them: their wait when answered; for someone who gave up, when a slot would have reached
   * them had they stayed (they stay in line as a ghost that takes no slot). Null until known, and for a message.
   */
  potentialWaitMs: number | null;
  /** The oracle's wait distribution at arrival (when the run computes it). */
  oracle: OracleWait | null;
  /** The classic estimators at arrival (seconds). */
  baselines: Baselines | null;
  /** An agent who speaks their queue's language starts or ends a shift within ±15 min of their arrival. */
  nearShiftChange: boolean;
  /**
   * The estimate was shown as a rough guess: the queue's language had fewer finished chats than the server calls
   * reliable (`RELIABLE_AFTER`), and the widget says so beside the range.
   */
  roughGuess: boolean;
}

interface DeskAgent extends AgentSlot {
  shifts: AgentShifts;
}

export type SimDesk = ReturnType<typeof createSimDesk>;

export function createSimDesk(scenario: Scenario, shifts: readonly AgentShifts[], policy: RoutingPolicy) {
  const queues = createQueues();
  const waiting = new Map<string, Customer>();
  const agents: DeskAgent[] = shifts.map((s, i) => ({
    id: `agent-${i}`,
    languages: s.agent.languages,
    maxChats: s.agent.maxChats,
    load: 0,
    accepting: s.onAtStart,
    idleSince: scenario.start,
    shifts: s,
  }));
  const means = Object.values(scenario.languages).map((l) => l.meanHandleSeconds);
  const fallbackMean = means.reduce((a, b) => a + b, 0) / means.length;
  // One tracker per queue, seeded with the scenario's mean as the configured default.
  const handleTimes = new Map<string, ReturnType<typeof createHandleTimes>>();
  const handleTimesOf = (queue: string) => {
    let times = handleTimes.get(queue);
    if (!times) handleTimes.set(queue, (times = createHandleTimes(scenario.languages[queue]?.meanHandleSeconds ?? fallbackMean)));
    return times;
  };
  const horizonMs = scenario.horizonHours * HOUR_MS;
  // Measured as the server measures it (server/desk records every departure from a queue the same way).
  const abandonRates = createAbandonRates();
  // The spread learnt from the waits people had (server/desk does the same).
  const spread = createSpreadCalibration();
  // Open chats per agent (for the oracle) and the wait of the last customer who entered service, per queue.
  const chats = agents.map(() => new Map<string, { startedAt: number; language: string; queue: string }>());
  // The start times of a queue's open chats: the handle time is measured by time, their time so far included.
  const openStarts = (queue: string) => chats.flatMap((open) => [...open.values()].filter((c) => c.queue === queue).map((c) => c.startedAt));
  const lastServiceWaitS = new Map<string, number>();

  return {
    agents: agents as readonly AgentSlot[],
    /** The estimate the server would show someone about to join `queue` now, or null (nobody within the horizon). */
    estimate(queue: string, now: number): Eta | null {
      const lines: Record<string, number> = {};
      for (const language of queues.languages()) lines[language] = queues.line(language).length;
      lines[queue] = (lines[queue] ?? 0) + 1;
      // Every language's measured handle time (this queue's among them): a shared agent's slots free at the pace of
      // the chats they hold (as server/desk/estimates.ts passes them).
      const handleTimesS: Record<string, number> = Object.fromEntries(Object.keys(scenario.languages).map((l) => [l, handleTimesOf(l).estimate(l, now, openStarts(l))]));
      const input = {
        language: queue,
        position: lines[queue],
        now,
        handleTimeS: handleTimesS[queue] ?? handleTimesOf(queue).estimate(queue, now, openStarts(queue)),
        // The languages of the chats each agent holds.
        agents: agents.map((a, i) => ({ ...a, changes: a.shifts.changes.filter((c) => c.at > now && c.at <= now + horizonMs), chats: [...chats[i]!.values()].map((c) => c.queue) })),
        handleTimesS,
        older: lines,
        // The other lines interleaved with this one (as server/desk/estimates.ts passes them).
        servedBefore: servedBefore(queues, queue),
        horizonMs,
      };
      return estimateWait({ ...input, abandonPerS: abandonRates.rate(queue, queues.waitedMs(queue, now) / 1000), spreadFactor: spread.factor(queue) });
    },
    /** The place someone joining `queue` now takes. */
    placeFor: (queue: string) => queues.line(queue).length + 1,
    /** Whether an estimate for `queue` is shown as reliable (enough finished chats; the server's `etaReliable`). */
    reliable: (queue: string) => handleTimesOf(queue).reliable(queue),
    /** The classic estimators for someone about to join `queue` now (seconds; null where they have no answer). */
    baselines(queue: string, now: number): Baselines {
      const line = queues.line(queue);
      const position = line.length + 1;
      const handleS = handleTimesOf(queue).estimate(queue, now, openStarts(queue));
      const slots = agents.reduce((sum, a) => sum + (a.accepting && a.languages.includes(queue) ? a.maxChats : 0), 0);
      const theta = abandonRates.rate(queue, queues.waitedMs(queue, now) / 1000);
      let qlAbandon: number | null = null;
      if (slots > 0) {
        qlAbandon = 0;
        for (let i = 0; i < position; i++) qlAbandon += 1 / (slots / handleS + i * theta);
      }
      const freeSlot = agents.some((a) => a.accepting && a.load < a.maxChats && a.languages.includes(queue));
      return {
        ql: slots > 0 ? (position * handleS) / slots : null,
        qlAbandon,
        headOfLine: line.length > 0 ? (now - line[0]!.queuedAt) / 1000 : freeSlot ? 0 : null,
        lastCustomer: lastServiceWaitS.get(queue) ?? null,
        rocketChat: ((position - 1) / 100 + 1) * handleS,
      };
    },
    /** What the oracle may know at this instant, for someone about to join `queue`. */
    oracleState(queue: string, now: number): OracleState {
      return {
        now,
        queue,
        waiting: [...waiting.values()].map((c) => ({ queue: c.queue, language: c.language, arrivedAt: c.arrivedAt })),
        agents: agents.map((a, i) => ({
          languages: a.languages,
          maxChats: a.maxChats,
          accepting: a.accepting,
          idleSince: a.idleSince,
          chats: [...chats[i]!.values()],
          changes: a.shifts.changes.filter((c) => c.at > now),
        })),
      };
    },
    join(customer: Customer, now: number) {
      waiting.set(customer.id, customer);
      queues.enqueue({ id: customer.id, language: customer.queue, priority: 0, queuedAt: now });
    },
    /** Takes a customer who gave up out of the queue; false when they were no longer waiting. */
    leave(customer: Customer, now: number): boolean {
      waiting.delete(customer.id);
      const left = queues.remove(customer.id);
      if (left) abandonRates.record(customer.queue, (now - customer.arrivedAt) / 1000, true);
      if (left && customer.eta) spread.record(customer.queue, customer.eta, (now - customer.arrivedAt) / 1000, false, now);
      return left;
    },
    /** Makes every assignment routing plans now and returns them. */
    assign(now: number): Array<{ customer: Customer; agent: number }> {
      const made: Array<{ customer: Customer; agent: number }> = [];
      for (const { conversationId, agentId } of planAssignments(queues, agents, now, { policy })) {
        const customer = waiting.get(conversationId)!;
        const agent = agents.findIndex((a) => a.id === agentId);
        waiting.delete(conversationId);
        queues.remove(conversationId);
        abandonRates.record(customer.queue, (now - customer.arrivedAt) / 1000, false);
        lastServiceWaitS.set(customer.queue, (now - customer.arrivedAt) / 1000);
        if (customer.eta) spread.record(customer.queue, customer.eta, (now - customer.arrivedAt) / 1000, true, now);
        chats[agent]!.set(customer.id, { startedAt: now, language: customer.language, queue: customer.queue });
        agents[agent]!.load++;
        agents[agent]!.idleSince = now;
        made.push({ customer, agent });
      }
      return made;
    },
    finish(agent: number, customer: Customer) {
      agents[agent]!.load--;
      const startedAt = chats[agent]!.get(customer.id)?.startedAt;
      chats[agent]!.delete(customer.id);
      handleTimesOf(customer.queue).record(customer.queue, customer.handleMs / 1000, startedAt === undefined ? undefined : startedAt + customer.handleMs);
    },
    setAccepting(agent: number, on: boolean, now: number) {
      const a = agents[agent]!;
      if (on && !a.accepting) a.idleSince = now;
      a.accepting = on;
    },
  };
}

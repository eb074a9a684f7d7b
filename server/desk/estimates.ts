// Queue standings with wait estimates, built from the desk's live state. One context per announcement, so agents'
// shift changes are computed once, not once per waiting customer.
import type { Config } from "../config.js";
import { agentShares, estimateWait, type Eta, type EtaAgent } from "../domain/eta.js";
import type { Queues } from "../domain/queue.js";
import { onShift, parseShift, shiftChanges, type Schedule } from "../domain/schedule.js";
import type { LanguageCode } from "../protocol/ids.js";
import type { QueueStanding } from "../protocol/views.js";
import type { AgentRecord } from "../store/port.js";
import type { AgentState } from "./agent-state.js";

const schedules = new WeakMap<AgentRecord, Schedule>();

/** The agent's weekly schedule (parsed once per record). Unparsable stored shifts are ignored. */
export function scheduleOf(record: AgentRecord): Schedule {
  let schedule = schedules.get(record);
  if (!schedule) {
    // The CLI validated these strings; one edited by hand that no longer parses is skipped rather than fatal.
    schedule = { timeZone: record.timeZone ?? "UTC", shifts: (record.shifts ?? []).flatMap((text) => parseShiftOrNone(text)) };
    schedules.set(record, schedule);
  }
  return schedule;
}

function parseShiftOrNone(text: string) {
  const shift = parseShift(text);
  return typeof shift === "string" ? [] : [shift];
}

/** Takes new chats now: connected, Online, and within a shift. */
export function accepting(agent: AgentState, now: number): boolean {
  return agent.sockets > 0 && agent.status === "online" && onShift(scheduleOf(agent.record), now);
}

export interface EstimateContext {
  now: number;
  agents: EtaAgent[];
  waiting: Record<LanguageCode, number>;
  /** Multilingual agents' shares, fitted once per language for this context. */
  sharesFor(language: LanguageCode): ReadonlyArray<ReadonlyMap<LanguageCode, number>>;
  /** Whether a language is in peak now (computed once per language for this context; see {@link standingAt}). */
  peakMemo: Map<LanguageCode, boolean>;
}

type Shares = ReturnType<typeof agentShares>;

/**
 * Fitted shares kept across contexts, so a join or an announcement does not refit them (200 rounds over every agent)
 * while nothing they depend on changed. The fit depends on each agent's languages among the lines and capacity, and on
 * the line lengths — but the lengths matter only when some agent speaks two or more of the waiting languages: with
 * none, every share is exactly 1 for the one language an agent speaks, whatever the lines (proportional fitting of a
 * single part divides it by itself). So with only one-language agents the key leaves the lengths out and every join
 * finds the shares fitted; with multilingual agents a line that changed is a new fit (recent ones are kept).
 * `estimateContext` with or without a memo gives the same estimates (test/desk/estimate-memo.test.ts).
 */
export interface SharesMemo {
  shares(agents: readonly EtaAgent[], waiting: Readonly<Record<LanguageCode, number>>, language: LanguageCode): Shares;
  /** How many fits were computed (not found in the memo). */
  fits(): number;
}

export function createSharesMemo(keep = 64): SharesMemo {
  const memo = new Map<string, Shares>();
  let fits = 0;
  return {
    shares(agents, waiting, language) {
      const lines = Object.keys({ ...waiting, [language]: 1 }).sort();
      const inLines = new Set(lines);
      let multilingual = false;
      const speaks = agents.map((a) => {
        const mine = a.languages.filter((l) => inLines.has(l));
        if (mine.length > 1) multilingual = true;
        return mine;
      });
      // Without a multilingual agent neither the lengths nor the capacities change the fit: the key leaves them out.
      // The agent count first: "" is both no agent and one agent who speaks none of the lines.
      const parts = multilingual
        ? [lines.map((l) => `${l}=${l === language ? Math.max(1, waiting[l] ?? 0) : waiting[l]}`), speaks.map((mine, i) => `${mine.join(",")}:${agents[i]!.accepting ? agents[i]!.maxChats : 0}`)]
        : [lines, speaks.map((mine) => mine.join(","))];
      const key = `${agents.length}#${parts[0]!.join(",")}|${parts[1]!.join(";")}`;
      let shares = memo.get(key);
      if (shares) {
        memo.delete(key);
        memo.set(key, shares);
        return shares;
      }
      fits++;
      shares = agentShares(agents, multilingual ? waiting : Object.fromEntries(lines.map((l) => [l, 1])), language);
      memo.set(key, shares);
      if (memo.size > keep) memo.delete(memo.keys().next().value!);
      return shares;
    },
    fits: () => fits,
  };
}

/** Everything estimates need about the agents, computed once (the shares through `memo` when given). */
export function estimateContext(agents: Iterable<AgentState>, queues: Queues, config: Config, now: number, memo?: SharesMemo): EstimateContext {
  const etaAgents: EtaAgent[] = [];
  for (const a of agents) {
    // A disabled account cannot sign in: its shifts promise nobody.
    if (a.record.disabled) continue;
    const schedule = scheduleOf(a.record);
    const present = a.sockets > 0 && a.status === "online";
    let changes = shiftChanges(schedule, now, config.etaHorizonMs);
    // Someone absent now is expected from their next shift start on (scheduled agents log in for their shifts).
    if (!present) {
      const firstStart = changes.findIndex((c) => c.on);
      changes = firstStart < 0 ? [] : changes.slice(firstStart);
    }
    if (!present && changes.length === 0) continue;
    etaAgents.push({ languages: a.record.languages, maxChats: a.record.maxChats, load: a.assigned.size, accepting: accepting(a, now), changes });
  }
  const waiting: Record<LanguageCode, number> = {};
  for (const language of queues.languages()) waiting[language] = queues.line(language).length;
  const fitted = new Map<LanguageCode, Shares>();
  const sharesFor = (language: LanguageCode) => {
    let shares = fitted.get(language);
    if (!shares) fitted.set(language, (shares = memo ? memo.shares(etaAgents, waiting, language) : agentShares(etaAgents, waiting, language)));
    return shares;
  };
  return { now, agents: etaAgents, waiting, sharesFor, peakMemo: new Map() };
}

/** What the estimate knows about a language's history. */
export interface LanguageHistory {
  handleTimeS: number;
  abandonPerS: number;
  /** Enough finished chats to trust the measured handle time (see `createHandleTimes().reliable`). */
  reliable: boolean;
  /** The spread learnt from recent waits (see `createSpreadCalibration`). */
  spreadFactor: number;
}

/** The estimate for someone at `position` in `language` now, or null when nobody can serve it within the horizon. */
export function estimateAt(ctx: EstimateContext, config: Config, language: LanguageCode, position: number, history: LanguageHistory): Eta | null {
  return estimateWait({
    language,
    position,
    now: ctx.now,
    handleTimeS: history.handleTimeS,
    abandonPerS: history.abandonPerS,
    spreadFactor: history.spreadFactor,
    agents: ctx.agents,
    waiting: ctx.waiting,
    shares: ctx.sharesFor(language),
    horizonMs: config.etaHorizonMs,
  });
}

/**
 * Where a conversation at `position` (1-based) in `language` stands, with its estimate. `peak` is about the
 * language, the same in every standing and in `GET /api/queues`: the median wait of someone joining the queue now
 * exceeds PEAK_THRESHOLD_SECONDS, or a peak window is on.
 */
export function standingAt(ctx: EstimateContext, config: Config, language: LanguageCode, position: number, waiting: number, history: LanguageHistory): QueueStanding {
  const estimate = (at: number) => estimateAt(ctx, config, language, at, history);
  const eta = estimate(position);
  let peak = ctx.peakMemo.get(language);
  if (peak === undefined) {
    const inWindow = config.peakWindows.shifts.length > 0 && onShift(config.peakWindows, ctx.now);
    const joining = position === waiting + 1 ? eta : estimate(waiting + 1);
    ctx.peakMemo.set(language, (peak = inWindow || (joining !== null && joining.etaSeconds > config.peakThresholdS)));
  }
  // Coarse enough that a standing pushed every tick only changes when the estimate really moves.
  const round = (s: number) => Math.round(s / 5) * 5;
  return {
    position,
    waiting,
    etaSeconds: eta ? round(eta.etaSeconds) : null,
    etaRange: eta ? [round(eta.range[0]), Math.max(round(eta.range[1]), round(eta.etaSeconds))] : null,
    etaReliable: history.reliable,
    computedAt: ctx.now,
    peak,
    open: eta !== null,
    fallback: config.fallbacks[language] ?? null,
  };
}

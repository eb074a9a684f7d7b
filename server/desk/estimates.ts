// Queue standings with wait estimates, built from the desk's live state. One context per announcement, so agents'
// shift changes are computed once, not once per waiting customer.
import type { Config } from "../config.js";
import { agentShares, estimateWait, type EtaAgent } from "../domain/eta.js";
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
  sharesFor(language: LanguageCode): ReturnType<typeof agentShares>;
}

/** Everything estimates need about the agents, computed once. */
export function estimateContext(agents: Iterable<AgentState>, queues: Queues, config: Config, now: number): EstimateContext {
  const etaAgents: EtaAgent[] = [];
  for (const a of agents) {
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
  const fitted = new Map<LanguageCode, ReturnType<typeof agentShares>>();
  const sharesFor = (language: LanguageCode) => {
    let shares = fitted.get(language);
    if (!shares) fitted.set(language, (shares = agentShares(etaAgents, waiting, language)));
    return shares;
  };
  return { now, agents: etaAgents, waiting, sharesFor };
}

/** Where a conversation at `position` (1-based) in `language` stands, with its estimate. */
export function standingAt(
  ctx: EstimateContext,
  config: Config,
  language: LanguageCode,
  position: number,
  waiting: number,
  handleTimeS: number,
  abandonPerS: number,
): QueueStanding {
  const eta = estimateWait({
    language,
    position,
    now: ctx.now,
    handleTimeS,
    abandonPerS,
    agents: ctx.agents,
    waiting: ctx.waiting,
    shares: ctx.sharesFor(language),
    horizonMs: config.etaHorizonMs,
  });
  const inWindow = config.peakWindows.shifts.length > 0 && onShift(config.peakWindows, ctx.now);
  // Coarse enough that a standing pushed every tick only changes when the estimate really moves.
  const round = (s: number) => Math.round(s / 5) * 5;
  return {
    position,
    waiting,
    etaSeconds: eta ? round(eta.etaSeconds) : null,
    etaRange: eta ? [round(eta.range[0]), Math.max(round(eta.range[1]), round(eta.etaSeconds))] : null,
    peak: inWindow || (eta !== null && eta.etaSeconds > config.peakThresholdS),
    open: eta !== null,
    fallback: config.fallbacks[language] ?? null,
  };
}

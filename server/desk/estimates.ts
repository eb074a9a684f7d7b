// Queue standings with wait estimates, built from the desk's live state. One context per announcement, so agents'
// shift changes are computed once, not once per waiting customer.
import type { Config } from "../config.js";
import { estimateWait, type Eta, type EtaAgent } from "../domain/eta.js";
import { servedBefore, type Queues, type Waiting } from "../domain/queue.js";
import { onShift, parseShift, shiftChanges, type Schedule } from "../domain/schedule.js";
import type { ConversationId, LanguageCode } from "../protocol/ids.js";
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
  /** Conversations waiting per language: the other lines someone about to join has ahead of them. */
  waiting: Record<LanguageCode, number>;
  /** The lines as they stand (first to serve first), to count who is ahead of a conversation already waiting. */
  queues: Queues;
  /** Whether a language is in peak now (computed once per language for this context; see {@link standingAt}). */
  peakMemo: Map<LanguageCode, boolean>;
  /**
   * The measured handle time of every language an agent speaks or holds a chat in (seconds): a shared agent's chats
   * end at their pace. Measured at the context's first estimate (see {@link handleTimesOf}), not for announcements
   * that estimate nothing.
   */
  handleTimesS: Record<LanguageCode, number> | null;
  paces: { read: ChatPaces; languages: Set<LanguageCode> } | null;
  /** Per language, the other lines' conversations and how many of its own line are served before each (memoized). */
  servedBefore: Map<LanguageCode, Record<LanguageCode, number[]>>;
}

/** What the context reads of the desk's chats: each open chat's language, and each language's measured handle time. */
export interface ChatPaces {
  languageOf(conversationId: ConversationId): LanguageCode | undefined;
  handleTimeS(language: LanguageCode): number;
}

/** Everything estimates need about the agents and lines, computed once per announcement. */
export function estimateContext(agents: Iterable<AgentState>, queues: Queues, config: Config, now: number, paces?: ChatPaces): EstimateContext {
  const etaAgents: EtaAgent[] = [];
  const languages = new Set<LanguageCode>();
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
    const agent: EtaAgent = { languages: a.record.languages, maxChats: a.record.maxChats, load: a.assigned.size, accepting: accepting(a, now), changes };
    if (paces) {
      const chats: LanguageCode[] = [];
      for (const id of a.assigned) {
        const language = paces.languageOf(id);
        if (language !== undefined) chats.push(language);
      }
      // Every chat's language known, or none used (the estimate then counts each slot at the line's own pace).
      if (chats.length === a.assigned.size) agent.chats = chats;
      for (const language of a.record.languages) languages.add(language);
      for (const language of chats) languages.add(language);
    }
    etaAgents.push(agent);
  }
  const waiting: Record<LanguageCode, number> = {};
  for (const language of queues.languages()) waiting[language] = queues.line(language).length;
  return { now, agents: etaAgents, waiting, queues, peakMemo: new Map(), handleTimesS: null, paces: paces ? { read: paces, languages } : null, servedBefore: new Map() };
}

/** The handle times of the context's languages, measured once per context (see {@link EstimateContext.handleTimesS}). */
export function handleTimesOf(ctx: EstimateContext): Record<LanguageCode, number> | undefined {
  if (!ctx.paces) return undefined;
  if (!ctx.handleTimesS) {
    ctx.handleTimesS = {};
    for (const language of ctx.paces.languages) ctx.handleTimesS[language] = ctx.paces.read.handleTimeS(language);
  }
  return ctx.handleTimesS;
}

/**
 * Per other language, how many waiting there the desk serves before `item` (oldest first, requeued ones ahead; the
 * order of `compareWaiting`): the releases of shared agents those customers take before this one's turn.
 */
export function olderThan(ctx: EstimateContext, item: Waiting): Record<LanguageCode, number> {
  const older: Record<LanguageCode, number> = {};
  for (const language of Object.keys(ctx.waiting)) {
    if (language === item.language) continue;
    const ahead = ctx.queues.ahead(language, item);
    if (ahead > 0) older[language] = ahead;
  }
  return older;
}

/** The other lines interleaved with `language`'s (`EtaInput.servedBefore`), computed once per context and language. */
function servedBeforeOf(ctx: EstimateContext, language: LanguageCode): Record<LanguageCode, number[]> {
  let counts = ctx.servedBefore.get(language);
  if (!counts) ctx.servedBefore.set(language, (counts = servedBefore(ctx.queues, language)));
  return counts;
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

/**
 * The estimate for someone at `position` in `language` now, or null when nobody can serve it within the horizon.
 * `older`: the other lines' conversations served before this one ({@link olderThan}); all of them for someone about to
 * join.
 */
export function estimateAt(ctx: EstimateContext, config: Config, language: LanguageCode, position: number, history: LanguageHistory, older: Readonly<Record<LanguageCode, number>> = ctx.waiting): Eta | null {
  return estimateWait({
    language,
    position,
    now: ctx.now,
    handleTimeS: history.handleTimeS,
    handleTimesS: handleTimesOf(ctx),
    servedBefore: servedBeforeOf(ctx, language),
    abandonPerS: history.abandonPerS,
    spreadFactor: history.spreadFactor,
    agents: ctx.agents,
    older,
    horizonMs: config.etaHorizonMs,
  });
}

/**
 * Where a conversation at `position` (1-based) in `language` stands, with its estimate (`older` as in
 * {@link estimateAt}). `peak` is about the language, the same in every standing and in `GET /api/queues`: the median
 * wait of someone joining the queue now exceeds PEAK_THRESHOLD_SECONDS, or a peak window is on.
 */
export function standingAt(ctx: EstimateContext, config: Config, language: LanguageCode, position: number, waiting: number, history: LanguageHistory, older: Readonly<Record<LanguageCode, number>> = ctx.waiting): QueueStanding {
  const eta = estimateAt(ctx, config, language, position, history, older);
  let peak = ctx.peakMemo.get(language);
  if (peak === undefined) {
    const inWindow = config.peakWindows.shifts.length > 0 && onShift(config.peakWindows, ctx.now);
    const joining = position === waiting + 1 && older === ctx.waiting ? eta : estimateAt(ctx, config, language, waiting + 1, history);
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
    closing: eta === null && ctx.agents.some((a) => a.languages.includes(language) && (a.accepting || a.changes.some((c) => c.on))),
    fallback: config.fallbacks[language] ?? null,
  };
}

// Per-language waiting lines. Order: higher priority first (requeued conversations go to the head),
// then earlier queuedAt (FIFO), then id for a total order. Pure: no I/O, no clock.
import type { ConversationId, LanguageCode, Timestamp } from "../protocol/ids.js";

/** What the queue needs to know about a waiting conversation. */
export interface Waiting {
  id: ConversationId;
  language: LanguageCode;
  priority: number;
  queuedAt: Timestamp;
}

/** Total order of waiting conversations: the one to serve first compares lowest. */
export function compareWaiting(a: Waiting, b: Waiting): number {
  return b.priority - a.priority || a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface Queues {
  /** Adds (or re-adds) a conversation in order. */
  enqueue(item: Waiting): void;
  /** Removes it; false when it was not queued. */
  remove(id: ConversationId): boolean;
  has(id: ConversationId): boolean;
  /** The waiting entry of a conversation, or undefined when it is not queued. Do not mutate. */
  get(id: ConversationId): Waiting | undefined;
  /** 1-based position in its language queue, or null. */
  position(id: ConversationId): number | null;
  /** How many waiting in `language` are served before `item` (which need not be queued, nor in that language). */
  ahead(language: LanguageCode, item: Waiting): number;
  /** The waiting line of a language, first to serve first. Do not mutate. */
  line(language: LanguageCode): readonly Waiting[];
  /** Languages with at least one conversation waiting. */
  languages(): LanguageCode[];
  /** Conversations waiting in all languages. */
  size(): number;
  /**
   * How long the conversations in this line have waited so far, together (ms, from each one's `queuedAt` to `now`):
   * the time the people still waiting have already been exposed to giving up (see `createAbandonRates`).
   */
  waitedMs(language: LanguageCode, now: Timestamp): number;
}

/** Creates empty queues. Insertion is a binary search, so keeping 10,000 conversations in order stays cheap. */
export function createQueues(): Queues {
  const lines = new Map<LanguageCode, Waiting[]>();
  const index = new Map<ConversationId, Waiting>();
  // Σ queuedAt per line, kept as it changes so the time waited so far costs nothing to read. Kept from the first
  // queuedAt seen, so the sums stay small whole numbers (exact) for millisecond timestamps.
  let base: number | null = null;
  const queuedSum = new Map<LanguageCode, number>();
  const addQueued = (item: Waiting, sign: 1 | -1) => {
    base ??= item.queuedAt;
    const sum = (queuedSum.get(item.language) ?? 0) + sign * (item.queuedAt - base);
    if (lines.has(item.language)) queuedSum.set(item.language, sum);
    else queuedSum.delete(item.language);
  };

  const lineOf = (language: LanguageCode): Waiting[] => {
    let line = lines.get(language);
    if (!line) lines.set(language, (line = []));
    return line;
  };
  const indexIn = (line: Waiting[], item: Waiting): number => {
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareWaiting(line[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const remove = (id: ConversationId): boolean => {
    const item = index.get(id);
    if (!item) return false;
    const line = lineOf(item.language);
    line.splice(indexIn(line, item), 1);
    index.delete(id);
    if (line.length === 0) lines.delete(item.language);
    addQueued(item, -1);
    return true;
  };

  return {
    enqueue(item) {
      remove(item.id);
      const entry = { id: item.id, language: item.language, priority: item.priority, queuedAt: item.queuedAt };
      const line = lineOf(entry.language);
      line.splice(indexIn(line, entry), 0, entry);
      index.set(entry.id, entry);
      addQueued(entry, 1);
    },
    remove,
    has: (id) => index.has(id),
    get: (id) => index.get(id),
    position(id) {
      const item = index.get(id);
      return item ? indexIn(lineOf(item.language), item) + 1 : null;
    },
    ahead: (language, item) => indexIn(lines.get(language) ?? [], item),
    line: (language) => lines.get(language) ?? [],
    languages: () => [...lines.keys()],
    size: () => index.size,
    waitedMs(language, now) {
      const line = lines.get(language);
      return line && base !== null ? Math.max(0, line.length * (now - base) - (queuedSum.get(language) ?? 0)) : 0;
    },
  };
}

/**
 * For every other line, each of its conversations in order: how many of `language`'s line are served before it (its
 * place among `language`'s line, as `ahead` would count it). One merge of the sorted lines: linear in their lengths.
 */
export function servedBefore(queues: Queues, language: LanguageCode): Record<LanguageCode, number[]> {
  const own = queues.line(language);
  const result: Record<LanguageCode, number[]> = {};
  for (const other of queues.languages()) {
    if (other === language) continue;
    const counts: number[] = [];
    let j = 0;
    for (const item of queues.line(other)) {
      while (j < own.length && compareWaiting(own[j]!, item) < 0) j++;
      counts.push(j);
    }
    result[other] = counts;
  }
  return result;
}

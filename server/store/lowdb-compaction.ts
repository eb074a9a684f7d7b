// Compaction: messages that so far live only in the journal are written into their conversations' chunk files,
// then the journal segments they came from are deleted. It runs in the background and never holds up an ack.
import { join } from "node:path";
import { ensureDir } from "./files.js";
import type { Journal } from "./journal.js";
import { JsonFile, type FileIo } from "./json-file.js";
import { CHUNK_SIZE, chunkPath } from "./lowdb-chunks.js";
import { recentFrom, type ConversationCache, type ConversationState } from "./lowdb-message-cache.js";
import type { MessageRecord } from "./port.js";
import { realTimerClock, type TimerClock } from "./timer-clock.js";

/** When the journal is compacted into chunk files. */
export interface CompactionPolicy {
  /** Compact once the current segment holds this many bytes. */
  segmentBytes: number;
  /** Compact this long after a message reached the journal (Infinity: only by size and when asked)… */
  afterMs: number;
  /**
   * …but only once the journal holds at least this many messages per conversation they belong to (default 0: always).
   * A compaction rewrites one chunk file per such conversation (a temp file, two fsyncs, a rename: about a millisecond
   * of CPU), so this bounds its cost per message; checked again every `afterMs` until then.
   */
  messagesPerConversation?: number;
  /** Compact anyway once a message has waited in the journal this long (default: no limit). */
  maxAgeMs?: number;
}

/**
 * By default the journal is compacted when it holds 32 messages per conversation it touches (a chunk rewrite then costs
 * about 1/32 of a millisecond per message, where every 10 seconds cost a rewrite per 10 messages at 1 msg/s, and five
 * chunk rewrites a second per busy chat at 4 MB segments under load), after at most 5 minutes, or at 64 MB.
 */
export const DEFAULT_COMPACTION: CompactionPolicy = { segmentBytes: 64 * 1024 * 1024, afterMs: 10_000, messagesPerConversation: 32, maxAgeMs: 300_000 };

/**
 * Conversations compacted at once. Compaction shares the disk and libuv's four threads with the journal flushes that
 * acks wait for: with two chunk writes at a time, two threads stay free for them even while thousands of chunks are
 * rewritten (four at once made a flush queue behind chunk writes for the whole compaction).
 */
const CHUNKS_AT_ONCE = 2;

/**
 * Writes the conversation's messages up to its current `lastSeq` into its chunk files (each durably: temp file,
 * fsync, rename, fsync of the directory), chunk by chunk, and moves `compactedSeq` on after each.
 */
export async function compactConversation(messagesDir: string, state: ConversationState, io: FileIo): Promise<void> {
  const upTo = state.lastSeq;
  if (state.compactedSeq === 0) await ensureDir(join(messagesDir, state.id));
  while (state.compactedSeq < upTo) {
    const first = recentFrom(state);
    const last = Math.min(upTo, first + CHUNK_SIZE - 1);
    const chunk = state.recent.slice(0, last - first + 1);
    await new JsonFile<MessageRecord[]>(chunkPath(messagesDir, state.id, first), io).write(chunk);
    state.compactedSeq = last;
    // Appends during the write only added to the end, so the first entries are still this chunk's.
    if (last % CHUNK_SIZE === 0) state.recent = state.recent.slice(CHUNK_SIZE);
  }
}

/** Runs compactions: one at a time, by the policy, and when asked. */
export interface Compactor {
  /** Compacts everything acknowledged so far; rejects (keeping the journal) if a chunk file cannot be written. */
  compact(): Promise<void>;
  /** To be called after each journal write (and after a replay): starts or schedules a compaction. */
  written(): void;
  /** Stops scheduling; waits for a compaction in flight. */
  stop(): Promise<void>;
}

/** Whether the messages only in the journal are enough to compact now: `perConversation` per conversation they belong to. */
export function enoughToCompact(dirty: readonly ConversationState[], perConversation: number): boolean {
  let messages = 0;
  for (const state of dirty) messages += state.lastSeq - state.compactedSeq;
  return messages > 0 && messages >= perConversation * dirty.length;
}

/** The compactor's clock; tests drive it by hand. */
export type CompactionClock = TimerClock;

export function createCompactor(
  messagesDir: string,
  io: FileIo,
  journal: Journal,
  cache: ConversationCache,
  serially: <R>(fn: () => Promise<R>) => Promise<R>,
  policy: CompactionPolicy,
  clock: CompactionClock = realTimerClock,
): Compactor {
  const now = clock.now;
  let running: Promise<void> | null = null;
  let timer: (() => void) | null = null;
  let stopped = false;
  /** When the oldest message not yet being compacted reached the journal (null: none). */
  let oldestAt: number | null = null;
  const perConversation = policy.messagesPerConversation ?? 0;
  const maxAgeMs = policy.maxAgeMs ?? Number.POSITIVE_INFINITY;

  const cancelTimer = () => {
    timer?.();
    timer = null;
  };
  const run = async () => {
    cancelTimer();
    oldestAt = null;
    // After the rotation every acknowledged message of the sealed segments is in `cache`, and new ones go elsewhere.
    const sealed = await serially(() => journal.rotate());
    const dirty = cache.uncompacted();
    for (let i = 0; i < dirty.length; i += CHUNKS_AT_ONCE) {
      // Each group settles before the next, so a failed compaction never leaves one running beside the next.
      const settled = await Promise.allSettled(dirty.slice(i, i + CHUNKS_AT_ONCE).map((state) => compactConversation(messagesDir, state, io)));
      const failed = settled.find((outcome) => outcome.status === "rejected");
      if (failed) throw failed.reason;
    }
    await journal.removeThrough(sealed);
  };
  const compact = async (): Promise<void> => {
    // One started earlier may not cover messages acknowledged since: wait for it, then run again.
    while (running) await running.catch(() => {});
    running = run().finally(() => (running = null));
    return running;
  };
  // A compaction that fails (disk full) is tried again later: the journal keeps everything meanwhile.
  const soon = () => void (running ?? compact()).catch(() => {});
  // The timer's turn: compact if enough waits (or waited long enough), else look again after another `afterMs`.
  const check = () => {
    timer = null;
    if (stopped) return;
    const old = oldestAt !== null && now() - oldestAt >= maxAgeMs;
    if (old || enoughToCompact(cache.uncompacted(), perConversation)) return soon();
    if (oldestAt !== null) schedule();
  };
  const schedule = () => {
    if (timer !== null || !Number.isFinite(policy.afterMs)) return;
    const untilOld = oldestAt === null ? Number.POSITIVE_INFINITY : oldestAt + maxAgeMs - now();
    timer = clock.after(Math.max(0, Math.min(policy.afterMs, untilOld)), check);
  };

  return {
    compact,
    written: () => {
      if (stopped) return;
      oldestAt ??= now();
      if (journal.size() >= policy.segmentBytes) soon();
      else schedule();
    },
    stop: async () => {
      stopped = true;
      cancelTimer();
      await running?.catch(() => {});
    },
  };
}

// Compaction: messages that so far live only in the journal are written into their conversations' chunk files,
// then the journal segments they came from are deleted. It runs in the background and never holds up an ack.
import { join } from "node:path";
import { ensureDir } from "./files.js";
import type { Journal } from "./journal.js";
import { JsonFile, type FileIo } from "./json-file.js";
import { CHUNK_SIZE, chunkPath } from "./lowdb-chunks.js";
import { recentFrom, type ConversationCache, type ConversationState } from "./lowdb-message-cache.js";
import type { MessageRecord } from "./port.js";

/** When the journal is compacted into chunk files. */
export interface CompactionPolicy {
  /** Compact once the current segment holds this many bytes. */
  segmentBytes: number;
  /** Compact this long after a message reached the journal (Infinity: only by size and when asked). */
  afterMs: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { segmentBytes: 4 * 1024 * 1024, afterMs: 10_000 };

/** Conversations compacted at once: compaction shares the disk with the journal writes that acks wait for. */
const AT_ONCE = 4;

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

export function createCompactor(
  messagesDir: string,
  io: FileIo,
  journal: Journal,
  cache: ConversationCache,
  serially: <R>(fn: () => Promise<R>) => Promise<R>,
  policy: CompactionPolicy,
): Compactor {
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const run = async () => {
    if (timer) clearTimeout(timer), (timer = null);
    // After the rotation every acknowledged message of the sealed segments is in `cache`, and new ones go elsewhere.
    const sealed = await serially(() => journal.rotate());
    const dirty = cache.uncompacted();
    for (let i = 0; i < dirty.length; i += AT_ONCE) {
      // Each group settles before the next, so a failed compaction never leaves one running beside the next.
      const settled = await Promise.allSettled(dirty.slice(i, i + AT_ONCE).map((state) => compactConversation(messagesDir, state, io)));
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

  return {
    compact,
    written: () => {
      if (stopped) return;
      if (journal.size() >= policy.segmentBytes) soon();
      else if (timer === null && Number.isFinite(policy.afterMs)) (timer = setTimeout(soon, policy.afterMs)).unref();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer), (timer = null);
      await running?.catch(() => {});
    },
  };
}

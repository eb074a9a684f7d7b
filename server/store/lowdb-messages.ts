// Messages: acknowledged once in the journal (journal.ts; group commit in lowdb-group-commit.ts), then compacted in
// the background into per-conversation chunk files (lowdb-chunks.ts, lowdb-compaction.ts).
import type { ConversationId, Seq } from "../protocol/ids.js";
import { corruptRecord, openJournal } from "./journal.js";
import type { FileIo } from "./json-file.js";
import { CHUNK_SIZE, chunkStart, readChunk } from "./lowdb-chunks.js";
import { createCompactor, DEFAULT_COMPACTION, type CompactionPolicy } from "./lowdb-compaction.js";
import { copyMessage, createGroupCommit, type FlushPacing } from "./lowdb-group-commit.js";
import type { TimerClock } from "./timer-clock.js";
import { createConversationCache, recentFrom, type ConversationCache } from "./lowdb-message-cache.js";
import type { MessageRecord, MessageStore } from "./port.js";

export { DEFAULT_COMPACTION, type CompactionClock, type CompactionPolicy } from "./lowdb-compaction.js";
export { DEFAULT_PACING, type FlushPacing } from "./lowdb-group-commit.js";

/** Conversations whose state stays in memory when nothing of theirs waits for compaction and none was used lately. */
export const CACHED_CONVERSATIONS = 2_000;
/** A conversation used within this long stays in memory however many there are (a chat going on is in use). */
export const KEEP_USED_MS = 120_000;


/** The message store, and what the lowdb store and tests need besides. */
export interface MessageLog extends MessageStore {
  /** Writes everything in the journal into chunk files, then deletes the journal segments it covered. */
  compact(): Promise<void>;
  /** Waits for appends; compacts unless `compact` is false (a test's stand-in for a crash); closes the journal. */
  close(options?: { compact?: boolean }): Promise<void>;
}

/** Applies one replayed journal record to its conversation. */
async function replay(cache: ConversationCache, path: string, record: unknown): Promise<void> {
  const message = record as MessageRecord;
  if (typeof message !== "object" || message === null || typeof message.id !== "string" || !Number.isSafeInteger(message.seq)) {
    throw corruptRecord(path, "is not a message");
  }
  const state = await cache.load(message.conversationId).catch((error: unknown) => {
    throw error instanceof TypeError ? corruptRecord(path, "names an invalid conversation") : error;
  });
  // Already in the chunk files: a crash came between compacting it and deleting its segment.
  if (message.seq <= state.lastSeq) {
    if (state.ids.get(message.id) !== message.seq) throw corruptRecord(path, `disagrees with ${state.id}'s stored message ${message.seq}`);
    return;
  }
  if (message.seq !== state.lastSeq + 1) throw corruptRecord(path, `leaves a gap before ${state.id}'s message ${message.seq}`);
  state.recent.push(message);
  state.ids.set(message.id, message.seq);
  state.lastSeq = message.seq;
}

/**
 * Opens the message log: chunk files under `messagesDir`, the journal under `journalDir`, whose records are
 * replayed now. With `journalDir` null (the `parley` command beside a running server) appends are refused.
 */
export async function openMessageLog(
  messagesDir: string,
  journalDir: string | null,
  io: FileIo,
  options: { cached?: number; keepUsedMs?: number; compaction?: CompactionPolicy; pacing?: FlushPacing; clock?: TimerClock } = {},
): Promise<MessageLog> {
  const cache = createConversationCache(messagesDir, io, { size: options.cached ?? CACHED_CONVERSATIONS, keepMs: options.keepUsedMs ?? KEEP_USED_MS });
  const opened = journalDir === null ? null : await openJournal(journalDir, io);
  for (const segment of opened?.replayed ?? []) for (const record of segment.records) await replay(cache, segment.path, record);

  const journal = opened?.journal ?? null;
  let written = () => {};
  const writer = journal && createGroupCommit(journal, cache, () => written(), { ...(options.pacing && { pacing: options.pacing }), ...(options.clock && { clock: options.clock }) });
  const compactor = journal && writer && createCompactor(messagesDir, io, journal, cache, writer.serially, options.compaction ?? DEFAULT_COMPACTION, options.clock);
  if (compactor) written = compactor.written;
  if (opened?.replayed.some((segment) => segment.records.length > 0)) written();
  let closed = false;

  const list = async (id: ConversationId, afterSeq: Seq, limit?: number): Promise<MessageRecord[]> => {
    const state = await cache.load(id);
    const { lastSeq, recent } = state;
    const first = recentFrom(state);
    const from = Math.max(0, afterSeq) + 1;
    const to = Math.min(lastSeq, limit === undefined ? lastSeq : from + Math.max(0, limit) - 1);
    const out: MessageRecord[] = [];
    // Chunk files before the recent messages are full and never change again.
    for (let seq = from; seq <= to && seq < first; seq = chunkStart(seq) + CHUNK_SIZE) {
      out.push(...(await readChunk(messagesDir, id, seq, io)).filter((m) => m.seq >= from && m.seq <= Math.min(to, first - 1)));
    }
    for (let seq = Math.max(from, first); seq <= to; seq++) out.push(recent[seq - first]!);
    return out.map(copyMessage);
  };

  return {
    append: (id, draft) => {
      if (!writer || closed) return Promise.reject(new Error("messages are stored only by the server that holds DATA_DIR, while it is open"));
      // A conversation in memory (every chat going on) is held without waiting a turn or allocating a frame for it.
      const state = cache.holdLoaded(id);
      return state ? writer.append(state, draft) : cache.hold(id).then((held) => writer.append(held, draft));
    },
    list,
    last: async (id) => {
      const state = await cache.load(id);
      return state.lastSeq === 0 ? null : copyMessage(await cache.stored(state, state.lastSeq));
    },
    lastSeq: async (id) => (await cache.load(id)).lastSeq,
    compact: () => compactor?.compact() ?? Promise.resolve(),
    close: async ({ compact = true } = {}) => {
      if (closed || !journal || !writer || !compactor) return void (closed = true);
      closed = true;
      await writer.drain();
      await compactor.stop();
      const compacted = compact && (await compactor.compact().then(() => true, () => false));
      await writer.serially(() => journal.close(compacted));
    },
  };
}

// What the message store keeps in memory per conversation, loaded lazily from the chunk files and kept for recently
// used conversations. A conversation with messages not yet in its chunk files, or with an append waiting, stays; so
// does one used within the last `keepMs`, however many there are: with more chats going on than the cache's size,
// dropping the least recently used would drop exactly the one needed next and read its chunk files on every message.
import type { ConversationId, Seq } from "../protocol/ids.js";
import type { FileIo } from "./json-file.js";
import { CHUNK_SIZE, checkConversationId, chunkStart, readChunk, readConversationLog } from "./lowdb-chunks.js";
import type { MessageRecord } from "./port.js";

/** What the message store knows of a conversation. */
export interface ConversationState {
  id: ConversationId;
  /** The highest seq acknowledged (in the journal or the chunk files). */
  lastSeq: Seq;
  /** The highest seq in the chunk files. */
  compactedSeq: Seq;
  /** Client message id → seq, for idempotent appends. */
  ids: Map<string, Seq>;
  /**
   * The messages from the start of the chunk that the next compacted message goes to, up to `lastSeq`: the
   * partial last chunk and everything not yet compacted. Replaced, never cut in place, so readers may hold it.
   */
  recent: MessageRecord[];
  /** Appends waiting for the journal. */
  waiting: number;
}

/** The seq of `recent[0]`: every chunk file before it is full and never changes again. */
export const recentFrom = (state: ConversationState): Seq => chunkStart(state.compactedSeq + 1);

/** The conversations in memory. */
export interface ConversationCache {
  /** The conversation's state (read from its chunk files if not in memory). Throws on an invalid id. */
  load(id: ConversationId): Promise<ConversationState>;
  /** Like `load`, and counts one more append waiting, so the state stays in memory until it is done. */
  hold(id: ConversationId): Promise<ConversationState>;
  /** `hold` at once for a conversation already in memory (null otherwise: use `hold`); no promise per append. */
  holdLoaded(id: ConversationId): ConversationState | null;
  /** Stored message `seq` (≤ lastSeq) of the conversation. */
  stored(state: ConversationState, seq: Seq): Promise<MessageRecord>;
  /** Conversations with messages that are only in the journal. */
  uncompacted(): ConversationState[];
}

interface Entry {
  ready: Promise<ConversationState>;
  state: ConversationState | null;
  usedAt: number;
}

/** How many conversations the cache keeps. */
export interface CacheLimits {
  /** Conversations kept beyond those in use. */
  size: number;
  /** A conversation used within this long is in use (kept whatever `size` says). */
  keepMs: number;
  now?: () => number;
}

export function createConversationCache(messagesDir: string, io: FileIo, limits: CacheLimits): ConversationCache {
  const now = limits.now ?? Date.now;
  // Map order is recency order: a used entry is moved to the end, the oldest idle ones are dropped.
  const entries = new Map<ConversationId, Entry>();
  const pinned = (state: ConversationState) => state.waiting > 0 || state.lastSeq > state.compactedSeq;

  // Entries go in at the end with `usedAt` = now, so when a call stops at the first entry, still in use until `until`,
  // every entry is in use until then: calls before it return at once. (Finding the first entry is not O(1): a Map's
  // iterator steps over the holes every move leaves at its front — 3 µs a call with 5,000 conversations, on every
  // message.) A clock set back (`now` before the call that stopped) looks again.
  let stopped = { at: 0, until: Number.NEGATIVE_INFINITY };
  /**
   * Drops the least recently used entries beyond `size`, stopping at the first one still in use: every later one was
   * used more recently. An entry pinned or still loading is in use, so it moves to the end as if just used; each
   * entry is looked at once per call, and one in use is not looked at again for `keepMs`, so a call costs O(1) amortised.
   */
  const evict = (keep: ConversationId) => {
    if (entries.size <= limits.size) return;
    const t = now();
    if (t < stopped.until && t >= stopped.at) return;
    const recent = t - limits.keepMs;
    for (let looked = entries.size; looked > 0 && entries.size > limits.size; looked--) {
      const [id, entry] = entries.entries().next().value!;
      if (entry.usedAt > recent) return void (stopped = { at: t, until: entry.usedAt + limits.keepMs });
      entries.delete(id);
      // Still loading counts as in use; the chunk files hold everything of a conversation that is not pinned.
      if (id === keep || entry.state === null || pinned(entry.state)) entries.set(id, Object.assign(entry, { usedAt: now() }));
    }
  };

  const read = (id: ConversationId): Entry => {
    const entry: Entry = { ready: null!, state: null, usedAt: 0 };
    entry.ready = readConversationLog(messagesDir, id, io).then((log) => {
      const full = log.lastSeq % CHUNK_SIZE === 0;
      return (entry.state = { id, lastSeq: log.lastSeq, compactedSeq: log.lastSeq, ids: log.ids, recent: full ? [] : log.tail, waiting: 0 });
    });
    // A failed load (a corrupt chunk) is retried next time rather than remembered.
    entry.ready.catch(() => entries.get(id) === entry && entries.delete(id));
    return entry;
  };

  const load = (id: ConversationId): Promise<ConversationState> => {
    // Checked on every use (not only when read from disk), without building a path each time.
    checkConversationId(id);
    const entry = entries.get(id) ?? read(id);
    entries.delete(id);
    entry.usedAt = now();
    entries.set(id, entry);
    evict(id);
    return entry.ready;
  };

  return {
    load,
    hold: async (id) => {
      let state = await load(id);
      // Dropped from the cache between loading and now (nothing pinned it then): load it again.
      while (entries.get(id)?.state !== state) state = await load(id);
      state.waiting++;
      return state;
    },
    holdLoaded: (id) => {
      const state = entries.get(id)?.state;
      if (!state) return null;
      // Marks it used (an entry in memory has a valid id, so this does not throw); `id` itself is never dropped here.
      void load(id);
      state.waiting++;
      return state;
    },
    stored: async (state, seq) =>
      seq >= recentFrom(state) ? state.recent[seq - recentFrom(state)]! : (await readChunk(messagesDir, state.id, seq, io))[seq - chunkStart(seq)]!,
    uncompacted: () => [...entries.values()].flatMap(({ state }) => (state && state.lastSeq > state.compactedSeq ? [state] : [])),
  };
}

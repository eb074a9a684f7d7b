// Messages: acknowledged once in the journal (group commit: one write and one fsync for every message that arrived
// meanwhile), then compacted in the background into per-conversation chunk files (lowdb-chunks.ts).
// Per-conversation state is loaded lazily and kept for recently used conversations; a conversation with messages
// not yet in its chunk files, or with an append waiting, always stays in memory.
import type { ConversationId, Seq } from "../protocol/ids.js";
import type { FileIo } from "./json-file.js";
import { CHUNK_SIZE, chunkPath, chunkStart, readChunk, readConversationLog } from "./lowdb-chunks.js";
import { compactConversation, recentFrom, type ConversationState } from "./lowdb-compaction.js";
import { corruptRecord, encodeRecord, openJournal, type Journal } from "./journal.js";
import type { MessageDraft, MessageRecord, MessageStore } from "./port.js";

/** Conversations whose state stays in memory when nothing of theirs waits for compaction. */
export const CACHED_CONVERSATIONS = 2_000;

/** When the journal is compacted into chunk files. */
export interface CompactionPolicy {
  /** Compact once the current segment holds this many bytes. */
  segmentBytes: number;
  /** Compact this long after a message reached the journal (Infinity: only by size and at close). */
  afterMs: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { segmentBytes: 4 * 1024 * 1024, afterMs: 10_000 };

/** One write of the journal holds at most this much; the rest waits for the next. */
const MAX_WRITE_BYTES = 1024 * 1024;

const copy = <T>(value: T): T => structuredClone(value);

/** The stored form of a draft: every field the caller gave (a system line's `notice` too), and its seq. */
export function messageRecord(conversationId: ConversationId, seq: Seq, draft: MessageDraft): MessageRecord {
  const message: MessageRecord = { id: draft.id, conversationId, seq, author: draft.author, text: draft.text, at: draft.at };
  if (draft.authorName !== undefined) message.authorName = draft.authorName;
  if (draft.notice !== undefined) message.notice = copy(draft.notice);
  return message;
}

/** The message store, and what the lowdb store and tests need besides. */
export interface MessageLog extends MessageStore {
  /** Writes everything in the journal into chunk files, then deletes the journal segments it covered. */
  compact(): Promise<void>;
  /** Waits for appends; compacts unless `compact` is false (a test's stand-in for a crash); closes the journal. */
  close(options?: { compact?: boolean }): Promise<void>;
}

interface Waiting {
  state: ConversationState;
  draft: MessageDraft;
  resolve(result: { message: MessageRecord; duplicate: boolean }): void;
  reject(error: unknown): void;
}

/**
 * Opens the message log: chunk files under `messagesDir`, the journal under `journalDir`, whose records are
 * replayed now. With `journalDir` null (the `parley` command beside a running server) appends are refused.
 */
export async function openMessageLog(
  messagesDir: string,
  journalDir: string | null,
  io: FileIo,
  options: { cached?: number; compaction?: CompactionPolicy } = {},
): Promise<MessageLog> {
  const cached = options.cached ?? CACHED_CONVERSATIONS;
  const policy = options.compaction ?? DEFAULT_COMPACTION;
  // Map order is recency order: a used entry is moved to the end, the oldest idle ones are dropped.
  const entries = new Map<ConversationId, { ready: Promise<ConversationState>; state: ConversationState | null }>();

  const pinned = (state: ConversationState | null) => state !== null && (state.waiting > 0 || state.lastSeq > state.compactedSeq);

  const load = (id: ConversationId): Promise<ConversationState> => {
    chunkPath(messagesDir, id, 1);
    let entry = entries.get(id);
    entries.delete(id);
    if (!entry) {
      const created: { ready: Promise<ConversationState>; state: ConversationState | null } = { ready: null!, state: null };
      created.ready = readConversationLog(messagesDir, id, io).then((log) => {
        const full = log.lastSeq % CHUNK_SIZE === 0;
        return (created.state = { id, lastSeq: log.lastSeq, compactedSeq: log.lastSeq, ids: log.ids, recent: full ? [] : log.tail, waiting: 0 });
      });
      // A failed load (a corrupt chunk) is retried next time rather than remembered.
      created.ready.catch(() => entries.get(id) === created && entries.delete(id));
      entry = created;
    }
    entries.set(id, entry);
    for (const [old, other] of entries) {
      if (entries.size <= cached) break;
      // Still loading counts as in use; chunk files hold everything of an unpinned conversation.
      if (old !== id && other.state !== null && !pinned(other.state)) entries.delete(old);
    }
    return entry.ready;
  };

  const stored = async (state: ConversationState, seq: Seq): Promise<MessageRecord> =>
    seq >= recentFrom(state) ? state.recent[seq - recentFrom(state)]! : (await readChunk(messagesDir, state.id, seq, io))[seq - chunkStart(seq)]!;

  const journalOpened = journalDir === null ? null : await openJournal(journalDir, io);
  const journal: Journal | null = journalOpened?.journal ?? null;
  for (const segment of journalOpened?.replayed ?? []) {
    for (const record of segment.records) await replay(segment.path, record);
  }

  async function replay(path: string, record: unknown): Promise<void> {
    const message = record as MessageRecord;
    if (typeof message !== "object" || message === null || typeof message.id !== "string" || !Number.isSafeInteger(message.seq)) {
      throw corruptRecord(path, "is not a message");
    }
    const state = await load(message.conversationId).catch((error: unknown) => {
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

  // Journal operations run one at a time, in order: a write, a rotation, the next write.
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };

  const waiting: Waiting[] = [];
  let commitQueued = false;

  // Takes every append that arrived since the last write: numbers them, writes them once, fsyncs once, and only
  // then lets them exist (state, acks). A failed write leaves no trace to dedupe against; the retry is stored once.
  const commit = async (): Promise<void> => {
    commitQueued = false;
    const batch: Waiting[] = [];
    let bytes = 0;
    const next = new Map<ConversationState, { lastSeq: Seq; added: MessageRecord[]; ids: Map<string, MessageRecord> }>();
    const lines: Buffer[] = [];
    const outcomes: { message: MessageRecord; duplicate: boolean }[] = [];
    while (waiting.length > 0 && bytes < MAX_WRITE_BYTES) {
      const item = waiting.shift()!;
      const known = item.state.ids.get(item.draft.id);
      if (known !== undefined) {
        // Stored by an earlier write: answered from what is stored, outside this write.
        item.state.waiting--;
        stored(item.state, known).then((message) => item.resolve({ message: copy(message), duplicate: true }), item.reject);
        continue;
      }
      batch.push(item);
      let plan = next.get(item.state);
      if (!plan) next.set(item.state, (plan = { lastSeq: item.state.lastSeq, added: [], ids: new Map() }));
      const earlier = plan.ids.get(item.draft.id);
      if (earlier) outcomes.push({ message: earlier, duplicate: true });
      else {
        const message = messageRecord(item.state.id, ++plan.lastSeq, item.draft);
        plan.added.push(message);
        plan.ids.set(message.id, message);
        const line = encodeRecord(message);
        lines.push(line);
        bytes += line.length;
        outcomes.push({ message, duplicate: false });
      }
    }
    if (waiting.length > 0) queueCommit();
    try {
      if (lines.length > 0) await journal!.write(Buffer.concat(lines));
    } catch (error) {
      for (const item of batch) item.state.waiting--, item.reject(error);
      return;
    }
    for (const [state, plan] of next) {
      for (const message of plan.added) state.recent.push(message), state.ids.set(message.id, message.seq);
      state.lastSeq = plan.lastSeq;
    }
    batch.forEach((item, i) => (item.state.waiting--, item.resolve({ message: copy(outcomes[i]!.message), duplicate: outcomes[i]!.duplicate })));
    if (lines.length > 0) afterWrite();
  };
  const queueCommit = () => {
    if (commitQueued) return;
    commitQueued = true;
    void serially(commit);
  };

  let compacting: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const compact = (): Promise<void> =>
    (compacting ??= (async () => {
      if (timer) clearTimeout(timer), (timer = null);
      const sealed = await serially(() => journal!.rotate());
      const dirty = [...entries.values()].flatMap((entry) => (entry.state && entry.state.lastSeq > entry.state.compactedSeq ? [entry.state] : []));
      // A few at a time: compaction shares the disk with the journal writes that acks wait for.
      // Each settles before the next group, so a failed compaction never leaves one running beside the next.
      for (let i = 0; i < dirty.length; i += 4) {
        const settled = await Promise.allSettled(dirty.slice(i, i + 4).map((state) => compactConversation(messagesDir, state, io)));
        const failed = settled.find((outcome) => outcome.status === "rejected");
        if (failed) throw failed.reason;
      }
      await journal!.removeThrough(sealed);
    })().finally(() => (compacting = null)));

  // Compaction runs in the background; one that fails (disk full) is simply tried again later: the journal keeps all.
  const compactSoon = () => void compact().catch(() => {});
  const compactLater = () => {
    if (timer === null && Number.isFinite(policy.afterMs)) (timer = setTimeout(compactSoon, policy.afterMs)).unref();
  };
  const afterWrite = () => {
    if (closed) return;
    if (journal!.size() >= policy.segmentBytes) compactSoon();
    else compactLater();
  };
  if (journal && journalOpened!.replayed.some((segment) => segment.records.length > 0)) compactLater();

  const append = async (id: ConversationId, draft: MessageDraft) => {
    if (journal === null || closed) throw new Error("messages are stored only by the server that holds DATA_DIR, while it is open");
    let state = await load(id);
    // Dropped from the cache between loading and now (it had nothing waiting then): load it again.
    while (entries.get(id)?.state !== state) state = await load(id);
    state.waiting++;
    return new Promise<{ message: MessageRecord; duplicate: boolean }>((resolve, reject) => {
      waiting.push({ state, draft: copy(draft), resolve, reject });
      queueCommit();
    });
  };

  const list = async (id: ConversationId, afterSeq: Seq, limit?: number): Promise<MessageRecord[]> => {
    const state = await load(id);
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
    return copy(out);
  };

  return {
    append,
    list,
    last: async (id) => {
      const state = await load(id);
      return state.lastSeq === 0 ? null : copy(await stored(state, state.lastSeq));
    },
    lastSeq: async (id) => (await load(id)).lastSeq,
    compact: () => (journal ? compact() : Promise.resolve()),
    close: async ({ compact: compactAtClose = true } = {}) => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      await serially(async () => {});
      if (!journal) return;
      let compacted = false;
      if (compactAtClose) compacted = await compact().then(() => true, () => false);
      else await compacting?.catch(() => {});
      await serially(() => journal.close(compacted));
    },
  };
}

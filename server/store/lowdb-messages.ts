// Messages in per-conversation chunk files: an append rewrites one small file, whatever the history.
// Per-conversation state is loaded lazily, kept for recently used conversations only, and reloaded when needed.
import { join } from "node:path";
import { JsonFile, type FileIo } from "./json-file.js";
import { ensureDir } from "./files.js";
import { CHUNK_SIZE, chunkPath, chunkStart, readChunk, readConversationLog, type ConversationLog } from "./lowdb-chunks.js";
import type { ConversationId, Seq } from "../protocol/ids.js";
import type { MessageDraft, MessageRecord, MessageStore } from "./port.js";

/** Conversations whose state stays in memory (each holds up to one chunk and its id index). */
export const CACHED_CONVERSATIONS = 2_000;

const copy = <T>(value: T): T => structuredClone(value);

/** The stored form of a draft: every field the caller gave (a system line's `notice` too), and its seq. */
export function messageRecord(conversationId: ConversationId, seq: Seq, draft: MessageDraft): MessageRecord {
  const message: MessageRecord = { id: draft.id, conversationId, seq, author: draft.author, text: draft.text, at: draft.at };
  if (draft.authorName !== undefined) message.authorName = draft.authorName;
  if (draft.notice !== undefined) message.notice = copy(draft.notice);
  return message;
}

/** Opens the message log under `messagesDir`. */
export function openMessageLog(messagesDir: string, io: FileIo, cached = CACHED_CONVERSATIONS): MessageStore & { idle(): Promise<void> } {
  // Map order is recency order: a used entry is moved to the end, the oldest idle ones are dropped.
  const logs = new Map<ConversationId, Promise<ConversationLog>>();
  const queues = new Map<ConversationId, Promise<unknown>>();

  const load = (id: ConversationId): Promise<ConversationLog> => {
    chunkPath(messagesDir, id, 1);
    let log = logs.get(id);
    logs.delete(id);
    if (!log) {
      log = readConversationLog(messagesDir, id, io);
      // A failed load (a corrupt chunk) is retried next time rather than remembered.
      log.catch(() => logs.get(id) === log && logs.delete(id));
    }
    logs.set(id, log);
    for (const old of logs.keys()) {
      if (logs.size <= cached) break;
      // State on disk is complete once no append is in flight, so an idle conversation can be reloaded later.
      if (old !== id && !queues.has(old)) logs.delete(old);
    }
    return log;
  };

  const stored = async (id: ConversationId, log: ConversationLog, seq: Seq): Promise<MessageRecord> =>
    log.tail.find((m) => m.seq === seq) ?? (await readChunk(messagesDir, id, seq, io))[seq - chunkStart(seq)]!;

  // Appends to one conversation run one at a time; other conversations proceed in parallel.
  const serially = <R>(id: ConversationId, fn: () => Promise<R>): Promise<R> => {
    const run = (queues.get(id) ?? Promise.resolve()).then(fn);
    const settled = run.catch(() => {});
    queues.set(id, settled);
    void settled.then(() => queues.get(id) === settled && queues.delete(id));
    return run;
  };

  const append = (id: ConversationId, draft: MessageDraft) =>
    serially(id, async () => {
      const log = await load(id);
      const known = log.ids.get(draft.id);
      if (known !== undefined) return { message: copy(await stored(id, log, known)), duplicate: true };
      const seq = log.lastSeq + 1;
      const message = messageRecord(id, seq, draft);
      const chunk = seq === chunkStart(seq) ? [message] : [...log.tail, message];
      if (seq === 1) await ensureDir(join(messagesDir, id));
      await new JsonFile<MessageRecord[]>(chunkPath(messagesDir, id, seq), io).write(chunk);
      // Only now, with the chunk on disk, does the message exist: a failed write leaves no trace to dedupe against.
      log.lastSeq = seq;
      log.tail = chunk;
      log.ids.set(draft.id, seq);
      return { message: copy(message), duplicate: false };
    });

  const list = async (id: ConversationId, afterSeq: Seq, limit?: number): Promise<MessageRecord[]> => {
    const { lastSeq, tail } = await load(id);
    const from = Math.max(0, afterSeq) + 1;
    const to = Math.min(lastSeq, limit === undefined ? lastSeq : from + Math.max(0, limit) - 1);
    const out: MessageRecord[] = [];
    // Chunks before the tail never change again, so reading them beside a running append is safe.
    for (let seq = from; seq <= to; seq = chunkStart(seq) + CHUNK_SIZE) {
      const chunk = tail[0]?.seq === chunkStart(seq) ? tail : await readChunk(messagesDir, id, seq, io);
      out.push(...chunk.filter((m) => m.seq >= from && m.seq <= to));
    }
    return copy(out);
  };

  return {
    append,
    list,
    last: async (id) => copy((await load(id)).tail.at(-1) ?? null),
    lastSeq: async (id) => (await load(id)).lastSeq,
    idle: async () => void (await Promise.all(queues.values())),
  };
}

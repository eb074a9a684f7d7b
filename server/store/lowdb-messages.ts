// Messages in per-conversation chunk files of at most CHUNK_SIZE: an append rewrites one small file, whatever the
// history. Per-conversation state (last seq, id → seq, the last chunk) is loaded lazily and kept in memory.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { CorruptFileError, JsonFile, type FileIo } from "./json-file.js";
import { ensureDir, removeLeftovers } from "./files.js";
import type { ConversationId, Seq } from "../protocol/ids.js";
import type { MessageDraft, MessageRecord, MessageStore } from "./port.js";

/** Messages per chunk file; chunk k holds seqs (k-1)·CHUNK_SIZE+1 … k·CHUNK_SIZE. */
export const CHUNK_SIZE = 100;

const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CHUNK_NAME = /^(\d{6})\.json$/;

/** The chunk file holding message `seq` of a conversation. Throws on an id that could escape the directory. */
export function chunkPath(messagesDir: string, conversationId: ConversationId, seq: Seq): string {
  if (!VALID_ID.test(conversationId)) throw new TypeError(`invalid conversation id ${JSON.stringify(conversationId)}`);
  return join(messagesDir, conversationId, `${String(Math.ceil(seq / CHUNK_SIZE)).padStart(6, "0")}.json`);
}

interface Log {
  lastSeq: Seq;
  ids: Map<string, Seq>;
  /** The chunk holding `lastSeq` (empty when there are no messages). */
  tail: MessageRecord[];
}

const copy = <T>(value: T): T => structuredClone(value);

async function chunkNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => CHUNK_NAME.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function readChunk(path: string, io: FileIo, firstSeq: Seq): Promise<MessageRecord[]> {
  const messages = await new JsonFile<MessageRecord[]>(path, io).read();
  if (messages === null) throw new CorruptFileError(path, "is missing from its conversation's chunks");
  const valid = Array.isArray(messages) && messages.length > 0 && messages.length <= CHUNK_SIZE &&
    messages.every((m, i) => typeof m === "object" && m !== null && m.seq === firstSeq + i && typeof m.id === "string");
  if (!valid) throw new CorruptFileError(path, "does not hold the expected messages");
  return messages;
}

/** Opens the message log under `messagesDir`. */
export function openMessageLog(messagesDir: string, io: FileIo): MessageStore & { idle(): Promise<void> } {
  const logs = new Map<ConversationId, Promise<Log>>();
  const queues = new Map<ConversationId, Promise<unknown>>();

  const loadLog = async (id: ConversationId): Promise<Log> => {
    const dir = join(messagesDir, id);
    await removeLeftovers(dir);
    const count = (await chunkNames(dir)).length;
    const log: Log = { lastSeq: 0, ids: new Map(), tail: [] };
    for (let k = 1; k <= count; k++) {
      const path = chunkPath(messagesDir, id, k * CHUNK_SIZE);
      log.tail = await readChunk(path, io, (k - 1) * CHUNK_SIZE + 1);
      for (const m of log.tail) log.ids.set(m.id, m.seq);
      log.lastSeq = log.tail.at(-1)!.seq;
      if (k < count && log.tail.length < CHUNK_SIZE) throw new CorruptFileError(path, "is short of messages");
    }
    return log;
  };

  const load = (id: ConversationId): Promise<Log> => {
    chunkPath(messagesDir, id, 1);
    let log = logs.get(id);
    if (!log) {
      log = loadLog(id);
      logs.set(id, log);
      // A failed load (a corrupt chunk) is retried next time rather than remembered.
      log.catch(() => logs.get(id) === log && logs.delete(id));
    }
    return log;
  };

  const message = async (id: ConversationId, log: Log, seq: Seq): Promise<MessageRecord> => {
    const inTail = log.tail.find((m) => m.seq === seq);
    if (inTail) return inTail;
    const first = (Math.ceil(seq / CHUNK_SIZE) - 1) * CHUNK_SIZE + 1;
    return (await readChunk(chunkPath(messagesDir, id, seq), io, first))[seq - first]!;
  };

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
      if (known !== undefined) return { message: copy(await message(id, log, known)), duplicate: true };
      const seq = log.lastSeq + 1;
      const stored: MessageRecord = { id: draft.id, conversationId: id, seq, author: draft.author, text: draft.text, at: draft.at };
      if (draft.authorName !== undefined) stored.authorName = draft.authorName;
      const chunk = (seq - 1) % CHUNK_SIZE === 0 ? [stored] : [...log.tail, stored];
      const path = chunkPath(messagesDir, id, seq);
      if (seq === 1) await ensureDir(join(messagesDir, id));
      await new JsonFile<MessageRecord[]>(path, io).write(chunk);
      // Only now, with the chunk on disk, does the message exist: a failed write leaves no trace to dedupe against.
      log.lastSeq = seq;
      log.tail = chunk;
      log.ids.set(draft.id, seq);
      return { message: copy(stored), duplicate: false };
    });

  const list = async (id: ConversationId, afterSeq: Seq, limit?: number): Promise<MessageRecord[]> => {
    const { lastSeq, tail } = await load(id);
    const from = Math.max(0, afterSeq) + 1;
    const to = Math.min(lastSeq, limit === undefined ? lastSeq : from + Math.max(0, limit) - 1);
    const out: MessageRecord[] = [];
    // Chunks before the tail never change again, so reading them beside a running append is safe.
    for (let seq = from; seq <= to; seq = (Math.ceil(seq / CHUNK_SIZE)) * CHUNK_SIZE + 1) {
      const first = (Math.ceil(seq / CHUNK_SIZE) - 1) * CHUNK_SIZE + 1;
      const chunk = tail[0]?.seq === first ? tail : await readChunk(chunkPath(messagesDir, id, seq), io, first);
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

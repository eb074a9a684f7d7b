// The chunk files of a conversation: messages/<conversationId>/000001.json … each a JSON array of at most
// CHUNK_SIZE messages in seq order; chunk k holds seqs (k-1)·CHUNK_SIZE+1 … k·CHUNK_SIZE.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { CorruptFileError, JsonFile, type FileIo } from "./json-file.js";
import { removeLeftovers } from "./files.js";
import type { ConversationId, Seq } from "../protocol/ids.js";
import type { MessageRecord } from "./port.js";

/** Messages per chunk file. */
export const CHUNK_SIZE = 100;

const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CHUNK_NAME = /^\d{6}\.json$/;

/** The first seq of the chunk holding `seq`. */
export const chunkStart = (seq: Seq): Seq => (Math.ceil(seq / CHUNK_SIZE) - 1) * CHUNK_SIZE + 1;

/** Throws on a conversation id that could escape the messages directory. */
export function checkConversationId(conversationId: ConversationId): void {
  if (!VALID_ID.test(conversationId)) throw new TypeError(`invalid conversation id ${JSON.stringify(conversationId)}`);
}

/** The chunk file holding message `seq` of a conversation. Throws on an id that could escape the directory. */
export function chunkPath(messagesDir: string, conversationId: ConversationId, seq: Seq): string {
  checkConversationId(conversationId);
  return join(messagesDir, conversationId, `${String(Math.ceil(seq / CHUNK_SIZE)).padStart(6, "0")}.json`);
}

/** Reads the chunk holding `seq`; anything but a full run of messages from its first seq is a corrupt file. */
export async function readChunk(messagesDir: string, conversationId: ConversationId, seq: Seq, io: FileIo): Promise<MessageRecord[]> {
  const path = chunkPath(messagesDir, conversationId, seq);
  const first = chunkStart(seq);
  const messages = await new JsonFile<MessageRecord[]>(path, io).read();
  if (messages === null) throw new CorruptFileError(path, "is missing from its conversation's chunks");
  const valid = Array.isArray(messages) && messages.length > 0 && messages.length <= CHUNK_SIZE &&
    messages.every((m, i) => typeof m === "object" && m !== null && m.seq === first + i && typeof m.id === "string");
  if (!valid) throw new CorruptFileError(path, "does not hold the expected messages");
  return messages;
}

/** What an append needs to know about a conversation. */
export interface ConversationLog {
  lastSeq: Seq;
  /** Client message id → seq, for idempotent appends. */
  ids: Map<string, Seq>;
  /** The chunk holding `lastSeq` (empty when there are no messages). */
  tail: MessageRecord[];
}

/** Reads every chunk of a conversation (after removing temp files left by a crash). */
export async function readConversationLog(messagesDir: string, conversationId: ConversationId, io: FileIo): Promise<ConversationLog> {
  const dir = join(messagesDir, conversationId);
  await removeLeftovers(dir);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const count = names.filter((name) => CHUNK_NAME.test(name)).length;
  const log: ConversationLog = { lastSeq: 0, ids: new Map(), tail: [] };
  for (let k = 1; k <= count; k++) {
    log.tail = await readChunk(messagesDir, conversationId, k * CHUNK_SIZE, io);
    for (const m of log.tail) log.ids.set(m.id, m.seq);
    log.lastSeq = log.tail.at(-1)!.seq;
    if (k < count && log.tail.length < CHUNK_SIZE) {
      throw new CorruptFileError(chunkPath(messagesDir, conversationId, log.lastSeq), "is short of messages");
    }
  }
  return log;
}

// Compaction: a conversation's messages that so far live only in the journal are written into its chunk files.
import { join } from "node:path";
import type { ConversationId, Seq } from "../protocol/ids.js";
import { ensureDir } from "./files.js";
import { JsonFile, type FileIo } from "./json-file.js";
import { CHUNK_SIZE, chunkPath, chunkStart } from "./lowdb-chunks.js";
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

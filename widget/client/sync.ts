// Pure transcript merging. Messages are keyed and ordered by the server's `seq`; `lastSeq` is the highest
// seq up to which the transcript has no holes, so a resume with `afterSeq: lastSeq` fills any gap (I3, I4).
import type { MessageView } from "../../server/protocol/index.js";

/** One conversation's transcript as the client holds it. */
export interface Transcript {
  conversationId: string | null;
  /** Every seq ≤ lastSeq has been received. */
  lastSeq: number;
  /** Ascending by seq, one per seq. May start after seq 1 when the cache was trimmed. */
  messages: readonly MessageView[];
}

/** The outcome of a merge: the new transcript, what was new, and whether a hole remains. */
export interface MergeResult {
  transcript: Transcript;
  added: MessageView[];
  gap: boolean;
}

/** An empty transcript for a conversation. */
export function emptyTranscript(conversationId: string | null = null): Transcript {
  return { conversationId, lastSeq: 0, messages: [] };
}

/**
 * Merges incoming messages (any order, repeats allowed) into a transcript. Messages of other conversations
 * and repeats of a known seq are ignored; `lastSeq` moves up over every seq that is now contiguous.
 */
export function mergeMessages(current: Transcript, incoming: readonly MessageView[]): MergeResult {
  const known = new Set(current.messages.map((m) => m.seq));
  const added: MessageView[] = [];
  for (const m of incoming) {
    if (m.conversationId !== current.conversationId || !Number.isSafeInteger(m.seq) || m.seq < 1) continue;
    if (m.seq <= current.lastSeq || known.has(m.seq)) continue;
    known.add(m.seq);
    added.push(m);
  }
  if (added.length === 0) return { transcript: current, added, gap: hasGap(current) };
  added.sort((a, b) => a.seq - b.seq);
  const messages = [...current.messages, ...added].sort((a, b) => a.seq - b.seq);
  let lastSeq = current.lastSeq;
  while (known.has(lastSeq + 1)) lastSeq += 1;
  const transcript = { conversationId: current.conversationId, lastSeq, messages };
  return { transcript, added, gap: hasGap(transcript) };
}

/** Whether a message beyond `lastSeq` is held, i.e. something before it is missing. */
export function hasGap(t: Transcript): boolean {
  const last = t.messages[t.messages.length - 1];
  return last !== undefined && last.seq > t.lastSeq;
}

/** Keeps at most `max` messages, dropping the oldest contiguous ones (the server still has them). */
export function trimTranscript(t: Transcript, max: number): Transcript {
  if (t.messages.length <= max) return t;
  return { ...t, messages: t.messages.slice(t.messages.length - max) };
}

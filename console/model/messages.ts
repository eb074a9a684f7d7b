// Pure helpers that keep a conversation's transcript ordered by seq, without duplicates or silent gaps.
import type { MessageView, Seq } from "../../server/protocol/index.js";

/**
 * Merges `incoming` into `held` (sorted by seq): a seq already held is kept as it is, the result is sorted.
 * Returns `held` itself when nothing new arrived, so callers can skip an update.
 */
export function mergeMessages(held: readonly MessageView[], incoming: readonly MessageView[]): readonly MessageView[] {
  const known = new Set(held.map((m) => m.seq));
  const fresh: MessageView[] = [];
  for (const message of incoming) {
    if (known.has(message.seq)) continue;
    known.add(message.seq);
    fresh.push(message);
  }
  if (fresh.length === 0) return held;
  const last = held[held.length - 1]?.seq ?? 0;
  const sortedFresh = fresh.sort((a, b) => a.seq - b.seq);
  // The common case, a newer message, needs no full sort.
  if ((sortedFresh[0]?.seq ?? 0) > last) return [...held, ...sortedFresh];
  return [...held, ...sortedFresh].sort((a, b) => a.seq - b.seq);
}

/**
 * Extends a "complete up to" mark over `messages` held right after it: with `from` = 3 and messages
 * 4, 5, 7 held, everything up to 5 is known. Seq 6 is a gap until it arrives.
 */
export function advanceSynced(messages: readonly MessageView[], from: Seq): Seq {
  let synced = from;
  for (const message of messages) {
    if (message.seq === synced + 1) synced = message.seq;
    else if (message.seq > synced + 1) break;
  }
  return synced;
}

/** The highest seq among `messages`, or `fallback` when there are none. */
export function maxSeq(messages: readonly MessageView[], fallback: Seq): Seq {
  return messages.reduce((max, m) => Math.max(max, m.seq), fallback);
}

// One conversation as the console holds it, and the pure transitions that server events and acks cause.
import type { AgentConversationView, MessageView, NoteView, Seq } from "../../server/protocol/index.js";
import { advanceSynced, maxSeq, mergeMessages } from "./messages.js";

/** A visitor's rating of a closed conversation. */
export interface ConversationRating {
  /** 1 = Terrible … 5 = Fantastic. */
  score: number;
  comment: string | null;
}

/**
 * The server's view, plus fields the console shows when the server includes them. They are not (yet) in
 * AgentConversationView; until they are, a closed conversation shows no rating and no "closed by".
 */
export type ConsoleConversation = AgentConversationView & {
  rating?: ConversationRating | null;
  closedBy?: "visitor" | "agent" | "system" | null;
};

/** A conversation in the console: the latest view and what the console learned locally. */
export interface ChatEntry {
  view: ConsoleConversation;
  /** Messages held, sorted by seq, no duplicates. */
  messages: readonly MessageView[];
  /** Every message up to this seq is in `messages`; `null` until the history was first loaded. */
  syncedSeq: Seq | null;
  visitorTyping: boolean;
  /** Assigned while the console was running and not opened since. */
  isNew: boolean;
  /** Internal notes (agents and supervisors only), oldest first, no duplicates. */
  notes: readonly NoteView[];
  /** Who handed this chat over and why, when it arrived by a transfer (null otherwise, and once declined). */
  handedOver: HandedOver | null;
}

/** Who handed a chat over, and why (`declined`: it came back because the colleague declined it). */
export type HandedOver = NonNullable<AgentConversationView["transfer"]>;

/** Adds notes to those held, by id, in their own order. */
export function mergeNotes(held: readonly NoteView[], more: readonly NoteView[]): readonly NoteView[] {
  if (more.length === 0) return held;
  const byId = new Map(held.map((n) => [n.id, n]));
  for (const n of more) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function newer(a: MessageView | null, b: MessageView | null): MessageView | null {
  if (!a) return b;
  if (!b) return a;
  return b.seq >= a.seq ? b : a;
}

/** Folds a server view into what is known; a closed conversation never reopens from a late event. */
export function mergeView(prev: ConsoleConversation, next: ConsoleConversation): ConsoleConversation {
  if (prev.status === "closed" && next.status !== "closed") return prev;
  const stale = next.lastSeq < prev.lastSeq;
  return {
    ...next,
    lastSeq: Math.max(prev.lastSeq, next.lastSeq),
    lastMessage: newer(prev.lastMessage, next.lastMessage),
    unread: stale ? prev.unread : next.unread,
    visitorReadSeq: Math.max(prev.visitorReadSeq ?? 0, next.visitorReadSeq ?? 0),
  };
}

/** The entry for a view from the server, keeping what the console already holds for it. */
export function entryFromView(view: ConsoleConversation, prev?: ChatEntry): ChatEntry {
  if (!prev) {
    return { view, messages: [], syncedSeq: null, visitorTyping: false, isNew: false, notes: [], handedOver: view.transfer ?? null };
  }
  const merged = mergeView(prev.view, view);
  return { ...prev, view: merged, visitorTyping: merged.status === "closed" ? false : prev.visitorTyping };
}

/** When the customer started waiting, after `message`: an agent's answer ends the wait, a customer's starts one. */
function waitingAfter(since: number | null | undefined, message: MessageView): number | null {
  if (message.author === "agent") return null;
  if (message.author === "visitor") return since ?? message.at;
  return since ?? null;
}

/**
 * Applies a stored message. A message already counted (seq ≤ lastSeq) changes nothing but the transcript;
 * a new visitor message raises the unread count (the caller marks it read if the agent is looking).
 */
export function applyMessage(entry: ChatEntry, message: MessageView): ChatEntry {
  const messages = mergeMessages(entry.messages, [message]);
  const syncedSeq = entry.syncedSeq === null ? null : advanceSynced(messages, entry.syncedSeq);
  const visitorTyping = message.author === "visitor" ? false : entry.visitorTyping;
  if (message.seq <= entry.view.lastSeq) return { ...entry, messages, syncedSeq, visitorTyping };
  const view = {
    ...entry.view,
    lastSeq: message.seq,
    // As on the server: the customer's latest message (an answer or "Alex joined the chat" is not what the list shows).
    lastMessage: message.author === "visitor" ? message : entry.view.lastMessage,
    unread: entry.view.unread + (message.author === "visitor" ? 1 : 0),
    waitingSince: waitingAfter(entry.view.waitingSince, message),
  };
  return { ...entry, view, messages, syncedSeq, visitorTyping };
}

/** What `conversation:history` answers. */
export interface HistoryReply {
  conversation: ConsoleConversation;
  messages: MessageView[];
  /** Internal notes (absent from older servers). */
  notes?: readonly NoteView[];
}

/**
 * Applies a `conversation:history` reply for messages after `afterSeq`. The reply is complete up to the moment
 * it was made, so the transcript counts as synced up to its last seq when the console held everything before
 * `afterSeq` (or asked from the start).
 */
export function applyHistory(entry: ChatEntry | undefined, afterSeq: Seq, reply: HistoryReply): ChatEntry {
  const base = entryFromView(reply.conversation, entry);
  const messages = mergeMessages(base.messages, reply.messages);
  const notes = mergeNotes(base.notes, reply.notes ?? []);
  const complete = base.syncedSeq !== null || afterSeq === 0;
  if (!complete) return { ...base, messages, notes };
  const replied = Math.max(afterSeq, reply.conversation.lastSeq, maxSeq(reply.messages, 0));
  const syncedSeq = advanceSynced(messages, Math.max(base.syncedSeq ?? 0, replied));
  const lastMessage = newer(base.view.lastMessage, lastVisitorMessage(messages));
  const lastSeq = Math.max(base.view.lastSeq, maxSeq(messages, 0));
  return { ...base, messages, notes, syncedSeq, view: { ...base.view, lastMessage, lastSeq } };
}

function lastVisitorMessage(messages: readonly MessageView[]): MessageView | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]?.author === "visitor") return messages[i] ?? null;
  return null;
}

/** The entry once the agent has seen everything in it. */
export function markEntryRead(entry: ChatEntry): ChatEntry {
  if (entry.view.unread === 0 && !entry.isNew) return entry;
  return { ...entry, isNew: false, view: { ...entry.view, unread: 0 } };
}

/** Whether the transcript is loaded but misses messages the server has (a gap, or news while away). */
export function isBehind(entry: ChatEntry): boolean {
  return entry.syncedSeq !== null && entry.syncedSeq < entry.view.lastSeq;
}

/** List order: active conversations before closed ones, each oldest first, so items do not jump around. */
export function sortEntries(entries: Iterable<ChatEntry>): ChatEntry[] {
  return [...entries].sort((a, b) => {
    const closed = Number(a.view.status === "closed") - Number(b.view.status === "closed");
    return closed !== 0 ? closed : a.view.createdAt - b.view.createdAt;
  });
}

/** The customer's latest message, from the server's view or the messages held, whichever is newer. */
function latestCustomerMessage(entry: ChatEntry): MessageView | null {
  const fromView = entry.view.lastMessage?.author === "visitor" ? entry.view.lastMessage : null;
  for (let i = entry.messages.length - 1; i >= 0; i -= 1) {
    const message = entry.messages[i];
    if (message?.author === "visitor") return fromView && fromView.seq > message.seq ? fromView : message;
  }
  return fromView;
}

/**
 * The message a list item previews: the customer's latest; without one, the latest message, unless that is a system line ("Alex joined the chat")
 * and the console holds a visitor's or agent's message, which says more.
 */
export function previewMessage(entry: ChatEntry): MessageView | null {
  const customers = latestCustomerMessage(entry);
  if (customers) return customers;
  const last = entry.view.lastMessage;
  if (!last || last.author !== "system") return last;
  // A loop rather than findLast/at: the console supports Safari 15.0 and Firefox 100.
  for (let i = entry.messages.length - 1; i >= 0; i -= 1) {
    const message = entry.messages[i];
    if (message && message.author !== "system") return message;
  }
  return last;
}

/** A transcript line: a stored message or an internal note. */
export type TranscriptLine = { kind: "message"; message: MessageView } | { kind: "note"; note: NoteView };

/** Messages and notes interleaved by time (a note written between two messages shows between them). */
export function transcriptLines(entry: Pick<ChatEntry, "messages" | "notes">): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  let n = 0;
  for (const message of entry.messages) {
    for (let note = entry.notes[n]; note && note.at < message.at; note = entry.notes[n]) {
      lines.push({ kind: "note", note });
      n += 1;
    }
    lines.push({ kind: "message", message });
  }
  for (; n < entry.notes.length; n += 1) lines.push({ kind: "note", note: entry.notes[n]! });
  return lines;
}

// Internal notes: agents and supervisors only. They live in a log of their own beside the conversation's messages
// (same store, its own key and numbering), so no path that serves the customer — socket, resume, history, ticket
// transcript, email — can ever read them, and they leave no gap in the customer's `seq`.
import type { ConversationId } from "../protocol/ids.js";
import type { NoteView } from "../protocol/views.js";
import type { ConversationRecord, MessageRecord } from "../store/port.js";
import type { DeskCore } from "./core.js";
import type { Effects } from "./effects.js";

/** The message-store key of a conversation's notes (conversation ids are 18 characters: no real id is this long). */
export const notesKey = (conversationId: ConversationId) => `${conversationId}--notes`;

const toNote = (conversationId: ConversationId, m: MessageRecord): NoteView => ({
  id: m.id,
  conversationId,
  seq: m.seq,
  internal: true,
  authorName: m.authorName ?? "Agent",
  text: m.text,
  at: m.at,
});

/** Every note of a conversation, oldest first. */
export async function listNotes(core: DeskCore, conversationId: ConversationId): Promise<NoteView[]> {
  return (await core.store.messages.list(notesKey(conversationId), 0)).map((m) => toNote(conversationId, m));
}

/** Stores a note (idempotent by id) and tells the agent holding the conversation and the supervisors watching it. */
export async function addNote(core: DeskCore, fx: Effects, c: ConversationRecord, id: string, authorName: string, text: string): Promise<NoteView> {
  const { message, duplicate } = await core.store.messages.append(notesKey(c.id), { id, author: "agent", authorName, text, at: core.now() });
  const note = toNote(c.id, message);
  const agentIds = [...(c.assigneeId ? [c.assigneeId] : []), ...core.watchersOf(c.id)];
  if (!duplicate && agentIds.length > 0) fx.push({ type: "note.created", agentIds, note });
  return note;
}

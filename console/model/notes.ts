// Internal notes: the agent's private remarks in a conversation (`note:add`), never sent to the customer.
// A note's text is not a reply draft: writing it must not tell the customer "typing".
import type { ConversationId } from "../../server/protocol/index.js";
import { mergeNotes } from "./chat-entry.js";
import { updateEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import { requestErrorText } from "./error-text.js";
import { addNotice } from "./notices.js";

/** The action adding `text` as an internal note to conversation `id`; true once the server stored it. */
export function createNoteAction(ctx: ModelContext) {
  return async function addNote(id: ConversationId, text: string): Promise<boolean> {
    const { state, transport } = ctx;
    const trimmed = text.trim();
    if (trimmed === "" || !state.chats.value.has(id)) return false;
    const reply = await transport.request("note:add", { conversationId: id, id: ctx.newId(), text: trimmed });
    if (!reply.ok) {
      addNotice(ctx, `Could not add the note: ${requestErrorText(reply.error)}.`, "error");
      return false;
    }
    state.chats.value = updateEntry(state.chats.value, id, (entry) => ({ ...entry, notes: mergeNotes(entry.notes, [reply.data]) }));
    return true;
  };
}

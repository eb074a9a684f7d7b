// The agent's list of conversations: syncing it on (re)connect, opening, closing, dismissing, and
// conversations leaving the agent.
import type { ConversationId, UnassignReason } from "../../server/protocol/index.js";
import { entryFromView } from "./chat-entry.js";
import { reconcileList, updateEntry, withoutEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import { requestErrorText } from "./error-text.js";
import type { HistoryActions } from "./history.js";
import { addNotice } from "./notices.js";
import type { ReadingActions } from "./reading.js";
import type { TypingNotifier } from "./typing-notifier.js";

/** How "The chat with Mia …" ends when the server takes a chat away. */
const UNASSIGNED_TEXT: Record<UnassignReason, string> = {
  requeued: "went back to the queue",
  removed: "was removed from your chats",
  transferred: "was transferred",
  taken_over: "was taken over by a supervisor",
};

/** Conversation actions. */
export interface ConversationActions {
  /** Fetches the list and the open transcript: run on every (re)connect. */
  refresh(): Promise<void>;
  /** Opens conversation `id` (loading its transcript the first time) and marks it read. */
  open(id: ConversationId): void;
  /** Closes conversation `id` for everyone. */
  close(id: ConversationId): Promise<void>;
  /** Removes a (closed) conversation from the list. */
  dismiss(id: ConversationId): void;
  /** The server took conversation `id` away from the agent. */
  unassigned(id: ConversationId, reason: UnassignReason): void;
}

/** Creates the conversation actions. */
export function createConversationActions(
  ctx: ModelContext,
  history: HistoryActions,
  reading: ReadingActions,
  typing: TypingNotifier,
): ConversationActions {
  const { state, transport } = ctx;

  function forget(id: ConversationId): void {
    typing.stop(id);
    state.chats.value = withoutEntry(state.chats.value, id);
    if (state.openId.value === id) state.openId.value = null;
    if (state.drafts.value.has(id)) {
      const drafts = new Map(state.drafts.value);
      drafts.delete(id);
      state.drafts.value = drafts;
    }
    state.outbox.value = state.outbox.value.filter((item) => item.conversationId !== id);
  }

  function leave(id: ConversationId, why: string): void {
    const entry = state.chats.value.get(id);
    if (!entry) return;
    forget(id);
    addNotice(ctx, `The chat with ${entry.view.visitorName} ${why}.`);
  }

  async function verify(id: ConversationId): Promise<void> {
    if ((await history.sync(id)) === "gone") leave(id, "is no longer assigned to you");
  }

  return {
    async refresh() {
      const open = state.openId.value;
      const openSync = open === null ? null : history.sync(open);
      const reply = await transport.request("conversation:list", {});
      if (reply.ok) {
        const { chats, missing } = reconcileList(state.chats.value, reply.data.conversations);
        state.chats.value = chats;
        await Promise.all(missing.map(verify));
      }
      if (open !== null) reading.readIfAttending(open);
      await openSync;
    },

    open(id) {
      const previous = state.openId.value;
      if (previous !== null && previous !== id) typing.stop(previous);
      state.openId.value = id;
      const entry = state.chats.value.get(id);
      if (!entry) return;
      if (entry.syncedSeq === null) void history.sync(id);
      else history.catchUp(id);
      reading.readIfAttending(id);
    },

    async close(id) {
      typing.stop(id);
      const reply = await transport.request("conversation:close", { conversationId: id });
      if (reply.ok) {
        state.chats.value = updateEntry(state.chats.value, id, (entry) => entryFromView(reply.data, entry));
      } else {
        addNotice(ctx, `Could not close the conversation: ${requestErrorText(reply.error)}.`, "error");
      }
    },

    dismiss: forget,

    unassigned(id, reason) {
      leave(id, UNASSIGNED_TEXT[reason]);
    },
  };
}

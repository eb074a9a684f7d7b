// The supervisors' live board (`board:watch`, then `board:updated` pushes; no polling) and what a supervisor does from
// it: follow a conversation silently (`conversation:watch`: its messages and notes arrive as they happen) and take it
// over (`conversation:takeover`). Reassigning uses the transfer actions.
import type { ConversationId, MessageView, NoteView } from "../../server/protocol/index.js";
import { applyHistory, applyMessage, entryFromView, mergeNotes } from "./chat-entry.js";
import { withEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import { requestErrorText } from "./error-text.js";

/** Board actions. */
export interface BoardActions {
  /** Subscribes to the board (entering the Board page); the first state comes with the answer. */
  watchBoard(): Promise<void>;
  /** Unsubscribes (leaving the page) and stops following a conversation. */
  unwatchBoard(): Promise<void>;
  /** Subscribes again after a reconnect (the server forgets a socket's subscriptions). */
  resubscribe(): void;
  /** Follows conversation `id` silently, read-only; null once shown, else why not. */
  watchConversation(id: ConversationId): Promise<string | null>;
  /** Stops following the watched conversation. */
  stopWatching(): Promise<void>;
  /** Takes conversation `id` over: it becomes one of the supervisor's chats. Null once done, else why not. */
  takeOver(id: ConversationId): Promise<string | null>;
  /**
   * Gives waiting customer `id` (in the state `epoch`) to agent `agentId`, or to the supervisor themselves
   * (`conversation:assign`); their own becomes one of their chats. Null once done, else why not.
   */
  assign(id: ConversationId, agentId: string, epoch: number): Promise<string | null>;
  /** A message or note arrived: it joins the watched conversation when it is that one. */
  receiveWatched(item: { message: MessageView } | { note: NoteView }): void;
}

/** Creates the board actions. */
export function createBoardActions(ctx: ModelContext): BoardActions {
  const { state, transport } = ctx;
  let subscribed = false;

  async function subscribe(): Promise<void> {
    const reply = await transport.request("board:watch", { watch: true });
    if (!subscribed) return;
    if (reply.ok) {
      state.board.value = reply.data;
      state.boardError.value = null;
    } else {
      state.boardError.value = `The board is not available: ${requestErrorText(reply.error)}.`;
    }
  }

  async function stopWatching(): Promise<void> {
    const watched = state.watched.value;
    state.watched.value = null;
    if (watched) await transport.request("conversation:watch", { conversationId: watched.view.id, watch: false });
  }

  async function watchConversation(id: ConversationId): Promise<string | null> {
    const previous = state.watched.value;
    if (previous && previous.view.id !== id) await stopWatching();
    const reply = await transport.request("conversation:watch", { conversationId: id, watch: true });
    if (!reply.ok) return `Could not watch the chat: ${requestErrorText(reply.error)}.`;
    if (!reply.data) return null;
    state.watched.value = applyHistory(entryFromView(reply.data.conversation), 0, reply.data);
    return null;
  }

  return {
    async watchBoard() {
      subscribed = true;
      await subscribe();
    },
    async unwatchBoard() {
      subscribed = false;
      state.board.value = null;
      await stopWatching();
      await transport.request("board:watch", { watch: false });
    },
    resubscribe() {
      if (!subscribed) return;
      void subscribe();
      const watched = state.watched.value;
      if (watched) void watchConversation(watched.view.id);
    },
    watchConversation,
    stopWatching,
    async takeOver(id) {
      const reply = await transport.request("conversation:takeover", { conversationId: id });
      if (!reply.ok) return `Could not take the chat over: ${requestErrorText(reply.error)}.`;
      if (state.watched.value?.view.id === id) state.watched.value = null;
      const known = state.chats.value.get(id);
      state.chats.value = withEntry(state.chats.value, entryFromView(reply.data, known));
      return null;
    },
    async assign(id, agentId, epoch) {
      const reply = await transport.request("conversation:assign", { conversationId: id, agentId, epoch });
      if (!reply.ok) return `Could not assign the chat: ${requestErrorText(reply.error)}.`;
      if (state.watched.value?.view.id === id) await stopWatching();
      if (reply.data.assigneeId === state.agent.value?.id) state.chats.value = withEntry(state.chats.value, entryFromView(reply.data, state.chats.value.get(id)));
      return null;
    },
    receiveWatched(item) {
      const watched = state.watched.value;
      if (!watched) return;
      if ("message" in item && item.message.conversationId === watched.view.id) {
        state.watched.value = { ...applyMessage(watched, item.message), isNew: false };
      } else if ("note" in item && item.note.conversationId === watched.view.id) {
        state.watched.value = { ...watched, notes: mergeNotes(watched.notes, [item.note]) };
      }
    },
  };
}

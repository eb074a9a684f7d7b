// Read markers: a conversation the agent is looking at (open, on screen, tab visible) has no unread messages,
// and the server hears about it with `conversation:read`.
import type { ConversationId } from "../../server/protocol/index.js";
import { markEntryRead } from "./chat-entry.js";
import { withEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import type { Route } from "./route.js";

/** Read-marker actions. */
export interface ReadingActions {
  /** Whether the agent is looking at conversation `id` right now. */
  isAttending(id: ConversationId): boolean;
  /** Marks conversation `id` read when the agent is looking at it. */
  readIfAttending(id: ConversationId): void;
  /** The tab became visible or hidden. */
  setPageVisible(visible: boolean): void;
  /** The agent went to another section (the open chat is out of sight except in Chats). */
  setRoute(route: Route): void;
}

/** Creates the read-marker actions. */
export function createReadingActions(ctx: ModelContext): ReadingActions {
  const { state, transport } = ctx;

  function isAttending(id: ConversationId): boolean {
    return state.openId.value === id && state.pageVisible.value && state.route.value.section === "chats";
  }

  function readIfAttending(id: ConversationId): void {
    const entry = state.chats.value.get(id);
    if (!entry || !isAttending(id)) return;
    const read = markEntryRead(entry);
    if (read === entry) return;
    state.chats.value = withEntry(state.chats.value, read);
    if (entry.view.unread > 0) {
      void transport.request("conversation:read", { conversationId: id, seq: entry.view.lastSeq });
    }
  }

  return {
    isAttending,
    readIfAttending,
    setPageVisible(visible) {
      state.pageVisible.value = visible;
      const open = state.openId.value;
      if (open !== null) readIfAttending(open);
    },
    setRoute(route) {
      state.route.value = route;
      const open = state.openId.value;
      if (open !== null) readIfAttending(open);
    },
  };
}

// Handlers for everything the server pushes to the agent namespace.
import type { AgentServerEvents, ConversationId, MessageView, NoteView } from "../../server/protocol/index.js";
import type { AlertCause } from "./alerts.js";
import { entryFromView, mergeNotes } from "./chat-entry.js";
import { updateEntry, withEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import type { ConversationActions } from "./conversations.js";
import { addNotice } from "./notices.js";
import type { ReadingActions } from "./reading.js";
import type { TypingNotifier } from "./typing-notifier.js";

/** How long a "typing" from the visitor shows when no "stopped" follows (a lost event, a closed tab). */
export const VISITOR_TYPING_TIMEOUT_MS = 15_000;

/** What the event handlers call into. */
export interface ServerEventDeps {
  conversations: ConversationActions;
  reading: ReadingActions;
  typing: TypingNotifier;
  receive(message: MessageView): void;
  /** A message or note for the conversation a supervisor follows from the board. */
  watched(item: { message: MessageView } | { note: NoteView }): void;
  /** A new chat may deserve an alert (the tab is hidden). */
  alert(cause: AlertCause): void;
}

/** The handlers, plus a reset that drops pending typing timers. */
export interface ServerEventHandlers {
  events: AgentServerEvents;
  reset(): void;
}

/** Creates the agent namespace's event handlers. */
export function createServerEvents(ctx: ModelContext, deps: ServerEventDeps): ServerEventHandlers {
  const { state, timers } = ctx;
  const typingTimers = new Map<ConversationId, unknown>();

  function setVisitorTyping(id: ConversationId, typing: boolean): void {
    timers.clearTimeout(typingTimers.get(id));
    typingTimers.delete(id);
    state.chats.value = updateEntry(state.chats.value, id, (entry) =>
      entry.visitorTyping === typing ? entry : { ...entry, visitorTyping: typing },
    );
    if (typing) typingTimers.set(id, timers.setTimeout(() => setVisitorTyping(id, false), VISITOR_TYPING_TIMEOUT_MS));
  }

  const events: AgentServerEvents = {
    "agent:updated"(agent) {
      state.agent.value = agent;
    },
    "conversation:assigned"(view) {
      const known = state.chats.value.get(view.id);
      // Assigned again (a transfer back, a take-over): who handed it over is this assignment's, not the last one's.
      const entry = { ...entryFromView(view, known), handedOver: view.transfer ?? null };
      state.chats.value = withEntry(state.chats.value, known ? entry : { ...entry, isNew: true });
      if (!known) {
        addNotice(ctx, `New chat from ${view.visitorName}.`);
        deps.alert({ kind: "assigned", view });
      }
      deps.reading.readIfAttending(view.id);
    },
    "conversation:updated"(view) {
      const known = state.chats.value.get(view.id);
      // An update about a conversation the console does not hold is news only while it is active.
      if (!known && view.status !== "assigned") return;
      const entry = entryFromView(view, known);
      state.chats.value = withEntry(state.chats.value, entry);
      if (entry.view.status === "closed") {
        deps.typing.stop(view.id);
        setVisitorTyping(view.id, false);
      }
      deps.reading.readIfAttending(view.id);
    },
    "conversation:unassigned"({ conversationId, reason }) {
      setVisitorTyping(conversationId, false);
      deps.conversations.unassigned(conversationId, reason);
    },
    "message:created"(message) {
      deps.receive(message);
      deps.watched({ message });
    },
    "typing:changed"({ conversationId, typing }) {
      setVisitorTyping(conversationId, typing);
    },
    "note:created"(note) {
      state.chats.value = updateEntry(state.chats.value, note.conversationId, (entry) => ({ ...entry, notes: mergeNotes(entry.notes, [note]) }));
      deps.watched({ note });
    },
    "conversation:seen"({ conversationId, seq }) {
      state.chats.value = updateEntry(state.chats.value, conversationId, (entry) =>
        seq <= (entry.view.visitorReadSeq ?? 0) ? entry : { ...entry, view: { ...entry.view, visitorReadSeq: seq } },
      );
    },
    "board:updated"(board) {
      state.board.value = board;
    },
  };

  return {
    events,
    reset() {
      for (const handle of typingTimers.values()) timers.clearTimeout(handle);
      typingTimers.clear();
    },
  };
}

// A stored message reaches the console (by `message:created`, or as the ack of the agent's own send).
import type { MessageView } from "../../server/protocol/index.js";
import type { AlertCause } from "./alerts.js";
import { applyMessage } from "./chat-entry.js";
import { withEntry } from "./chat-map.js";
import type { ModelContext } from "./context.js";
import type { HistoryActions } from "./history.js";
import { withoutOutgoing } from "./outbox.js";
import type { ReadingActions } from "./reading.js";

/**
 * Returns the function that takes in a stored message: it joins the transcript once (by seq), leaves the
 * outbox (by id), counts as unread unless the agent is looking, may raise an alert (a customer's new message while
 * the tab is hidden), and a gap before it triggers a catch-up.
 */
export function createReceiver(
  ctx: ModelContext,
  history: HistoryActions,
  reading: ReadingActions,
  alert: (cause: AlertCause) => void = () => {},
): (message: MessageView) => void {
  const { state } = ctx;
  return (message) => {
    state.outbox.value = withoutOutgoing(state.outbox.value, message.id);
    const entry = state.chats.value.get(message.conversationId);
    if (!entry) return;
    const next = applyMessage(entry, message);
    state.chats.value = withEntry(state.chats.value, next);
    alert({ kind: "message", visitorName: entry.view.visitorName, lastSeq: entry.view.lastSeq, message });
    reading.readIfAttending(message.conversationId);
    if (next.syncedSeq !== null && next.syncedSeq < message.seq) history.catchUp(message.conversationId);
  };
}

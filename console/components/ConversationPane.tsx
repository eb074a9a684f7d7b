// The open conversation: its header, transcript, and the reply or note box (or the closed summary).
import { ClosedSummary } from "./ClosedSummary.js";
import { ConversationHeader } from "./ConversationHeader.js";
import { HandedOverBanner } from "./HandedOverBanner.js";
import { ReplyArea } from "./ReplyArea.js";
import { Transcript } from "./Transcript.js";
import { useConsole } from "./use-console.js";

/** The right-hand pane. */
export function ConversationPane() {
  const { openChat, conversations } = useConsole();
  const entry = openChat.value;
  if (!entry) {
    return (
      <div class="pane-empty">
        <p>{conversations.value.length > 0 ? "Select a conversation to read and reply." : "Waiting for chats."}</p>
      </div>
    );
  }
  const id = entry.view.id;
  return (
    <section class="chat" aria-labelledby="chat-title">
      <ConversationHeader entry={entry} />
      <HandedOverBanner entry={entry} />
      <Transcript key={id} entry={entry} />
      {entry.view.status === "closed" ? <ClosedSummary entry={entry} /> : <ReplyArea key={id} conversationId={id} />}
    </section>
  );
}

// The transcript of the open conversation: stored messages and internal notes by time, then the agent's unsent ones, then typing.
import { useLayoutEffect, useRef } from "preact/hooks";
import { transcriptLines } from "../model/chat-entry.js";
import type { ChatEntry } from "../model/index.js";
import { MessageItem } from "./MessageItem.js";
import { NoteItem } from "./NoteItem.js";
import { OutgoingItem } from "./OutgoingItem.js";
import { useConsole } from "./use-console.js";
import { shown } from "../format.js";

/** How close to the bottom (px) still counts as "reading the latest": new messages then scroll into view. */
const STICKY_PX = 48;

/** A `role="log"` transcript that follows new messages unless the agent has scrolled up. */
export function Transcript({ entry }: { entry: ChatEntry }) {
  const { outbox, connection, agent } = useConsole();
  const log = useRef<HTMLDivElement>(null);
  const sticky = useRef(true);
  const { view, messages, notes, syncedSeq, visitorTyping } = entry;
  const outgoing = outbox.value.filter((item) => item.conversationId === view.id);
  // "Seen" goes under the latest agent message within the customer's read marker.
  const seenSeq = messages.findLast((m) => m.author === "agent" && m.seq <= (view.visitorReadSeq ?? 0))?.seq ?? null;

  useLayoutEffect(() => {
    const el = log.current;
    if (el && sticky.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, notes.length, outgoing.length, visitorTyping]);

  function onScroll() {
    const el = log.current;
    if (el) sticky.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_PX;
  }

  return (
    <>
      <div
        ref={log}
        class="transcript"
        role="log"
        aria-live="polite"
        aria-label="Transcript"
        tabIndex={0}
        onScroll={onScroll}
      >
        {syncedSeq === null && messages.length === 0 && <p class="muted">Loading messages…</p>}
        <ol class="messages">
          {transcriptLines(entry).map((line) =>
            line.kind === "note" ? (
              <NoteItem key={`note-${line.note.id}`} note={line.note} />
            ) : (
              <MessageItem key={line.message.seq} message={line.message} visitorName={view.visitorName} selfName={agent.value?.name ?? null} seen={line.message.seq === seenSeq} />
            ),
          )}
          {outgoing.map((item) => (
            <OutgoingItem key={item.id} item={item} connected={connection.value === "connected"} />
          ))}
        </ol>
      </div>
      <p class="typing">
        {visitorTyping && (
          <>
            <bdi>{shown(view.visitorName)}</bdi> is typing…
          </>
        )}
      </p>
    </>
  );
}

import { useLayoutEffect, useRef } from "preact/hooks";
import { useModel } from "../model/context.js";
import { MessageItem } from "./MessageItem.js";
import { PendingItem } from "./PendingItem.js";

/** The conversation log: stored messages by seq, then the outbox. Follows new messages while scrolled to the end. */
export function Transcript() {
  const { chat, t } = useModel();
  const { messages, pending } = chat.value;
  const ref = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length]);
  return (
    <div
      ref={ref}
      class="transcript"
      role="log"
      aria-live="polite"
      aria-label={t.value.transcript}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <ol class="messages">
        {messages.map((m) => (
          <MessageItem key={m.seq} message={m} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.id} item={p} />
        ))}
      </ol>
    </div>
  );
}

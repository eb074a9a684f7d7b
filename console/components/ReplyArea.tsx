// The bottom of an open chat: a "Reply" / "Note" switch and the matching box.
import { useState } from "preact/hooks";
import type { ConversationId } from "../../server/protocol/index.js";
import { Composer } from "./Composer.js";
import { NoteComposer } from "./NoteComposer.js";

type Mode = "reply" | "note";

/** Reply to the customer, or write an internal note. */
export function ReplyArea({ conversationId }: { conversationId: ConversationId }) {
  const [mode, setMode] = useState<Mode>("reply");
  const option = (value: Mode, label: string) => (
    <button type="button" class={`mode-option${mode === value ? " mode-option--on" : ""}`} aria-pressed={mode === value} onClick={() => setMode(value)}>
      {label}
    </button>
  );
  return (
    <div class={`reply-area reply-area--${mode}`}>
      <div class="mode-switch" role="group" aria-label="Write">
        {option("reply", "Reply")}
        {option("note", "Note")}
      </div>
      {mode === "reply" ? <Composer conversationId={conversationId} /> : <NoteComposer conversationId={conversationId} />}
    </div>
  );
}

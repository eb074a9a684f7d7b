// The Note mode of the reply area: an internal note for colleagues and supervisors, never sent to the customer.
// Its text is kept here, not in the reply draft, so writing a note never shows the customer "typing".
import { useRef, useState } from "preact/hooks";
import type { ConversationId } from "../../server/protocol/index.js";
import { sendsText } from "../model/shortcuts.js";
import { useConsole } from "./use-console.js";

/** The "Internal note" textarea and "Add note" button of conversation `conversationId`. */
export function NoteComposer({ conversationId }: { conversationId: ConversationId }) {
  const { actions } = useConsole();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  async function add() {
    if (busy || text.trim() === "") return;
    setBusy(true);
    const stored = await actions.addNote(conversationId, text);
    setBusy(false);
    if (stored) setText("");
    box.current?.focus();
  }

  return (
    <form
      class="composer composer--note"
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <label for="note-text">Internal note</label>
      <div class="composer-row">
        <textarea
          ref={box}
          id="note-text"
          rows={3}
          dir="auto"
          value={text}
          aria-describedby="note-hint"
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (!sendsText(event)) return;
            event.preventDefault();
            void add();
          }}
        />
        <button type="submit" class="primary" disabled={busy || text.trim() === ""}>
          Add note
        </button>
      </div>
      <p id="note-hint" class="hint">
        Only colleagues and supervisors see notes; the customer never does. Enter adds, Shift+Enter starts a new line.
      </p>
    </form>
  );
}

// The reply box. Enter sends, Shift+Enter starts a new line; the draft lives in the model, per conversation.
import { useRef } from "preact/hooks";
import type { ConversationId } from "../../server/protocol/index.js";
import { useConsole } from "./use-console.js";

/** The "Message" textarea and "Send" button of conversation `conversationId`. */
export function Composer({ conversationId }: { conversationId: ConversationId }) {
  const { drafts, actions } = useConsole();
  const draft = drafts.value.get(conversationId) ?? "";
  const box = useRef<HTMLTextAreaElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    // While an input method is composing, Enter confirms the composition; it must not send.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    actions.send(conversationId);
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        actions.send(conversationId);
        // The Send button disables itself once the box is empty; keep the keyboard in the box.
        box.current?.focus();
      }}
    >
      <label for="reply-text">Message</label>
      <div class="composer-row">
        <textarea
          ref={box}
          id="reply-text"
          rows={3}
          dir="auto"
          value={draft}
          aria-describedby="reply-hint"
          onInput={(event) => actions.setDraft(conversationId, event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="primary" disabled={draft.trim() === ""}>
          Send
        </button>
      </div>
      <p id="reply-hint" class="hint">
        Enter sends, Shift+Enter starts a new line.
      </p>
    </form>
  );
}

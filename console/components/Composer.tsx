// The reply box. Enter sends, Shift+Enter starts a new line; the draft lives in the model, per conversation.
import type { ConversationId } from "../../server/protocol/index.js";
import { useConsole } from "./use-console.js";

/** The "Message" textarea and "Send" button of conversation `conversationId`. */
export function Composer({ conversationId }: { conversationId: ConversationId }) {
  const { drafts, actions } = useConsole();
  const draft = drafts.value.get(conversationId) ?? "";

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
      }}
    >
      <label for="reply-text">Message</label>
      <div class="composer-row">
        <textarea
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

// The reply box. Enter sends, Shift+Enter starts a new line; the draft lives in the model, per conversation.
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { ConversationId } from "../../server/protocol/index.js";
import { sendsText } from "../model/shortcuts.js";
import { CannedSuggestions, optionId, SUGGESTIONS_ID } from "./CannedSuggestions.js";
import { useCannedSuggestions } from "./use-canned.js";
import { useConsole } from "./use-console.js";
import { shown } from "../format.js";

/** What the server takes in chat (it decides by the bytes; this only filters the picker). */
const ATTACH_TYPES = "image/png,image/jpeg,image/gif,image/webp,application/pdf";

/** The "Message" textarea and "Send" button of conversation `conversationId`. */
export function Composer({ conversationId }: { conversationId: ConversationId }) {
  const { drafts, actions, openChat } = useConsole();
  const draft = drafts.value.get(conversationId) ?? "";
  const box = useRef<HTMLTextAreaElement>(null);
  const language = openChat.value?.view.id === conversationId ? openChat.value.view.language : null;
  const canned = useCannedSuggestions(draft, language, (text) => actions.setDraft(conversationId, text));
  // Opening a chat puts the keyboard in its reply box (the box is made anew for each chat).
  useEffect(() => box.current?.focus(), [conversationId]);
  const upload = useSignal<{ name: string; error: string | null } | null>(null);

  async function attach(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = "";
    if (!file || (upload.value && !upload.value.error)) return;
    upload.value = { name: file.name, error: null };
    const error = await actions.sendFile(conversationId, file);
    upload.value = error ? { name: file.name, error } : null;
  }

  function onKeyDown(event: KeyboardEvent) {
    if (box.current && canned.onKey(event, box.current)) return;
    if (!sendsText(event)) return;
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
          aria-autocomplete="list"
          aria-controls={canned.query ? SUGGESTIONS_ID : undefined}
          aria-activedescendant={canned.query ? optionId(canned.active) : undefined}
          onInput={(event) => {
            actions.setDraft(conversationId, event.currentTarget.value);
            canned.track(event.currentTarget);
          }}
          onKeyUp={(event) => canned.track(event.currentTarget)}
          onClick={(event) => canned.track(event.currentTarget)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" class="primary" disabled={draft.trim() === ""}>
          Send
        </button>
      </div>
      <div class="composer-file">
        <label for="reply-file">Attach a file</label>
        <input id="reply-file" type="file" accept={ATTACH_TYPES} disabled={!!upload.value && !upload.value.error} onChange={(event) => void attach(event.currentTarget)} />
        {upload.value && !upload.value.error && (
          <span role="status">
            Uploading <bdi>{shown(upload.value.name)}</bdi>…
          </span>
        )}
        {upload.value?.error && (
          <span role="alert" class="error">
            <bdi>{shown(upload.value.name)}</bdi>: {upload.value.error}
          </span>
        )}
      </div>
      {canned.query && box.current && <CannedSuggestions matches={canned.query.matches} active={canned.active} onChoose={(r) => canned.choose(r, box.current!)} />}
      <p id="reply-hint" class="hint">
        Enter (or Ctrl+Enter) sends, Shift+Enter starts a new line, / and a shortcut offers canned responses.
      </p>
    </form>
  );
}

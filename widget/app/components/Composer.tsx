import { useState } from "preact/hooks";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { lazy } from "./Lazy.js";
import { loadLater } from "./load-later.js";
import { MessageBox, textLength } from "./MessageBox.js";

/** The paperclip: loaded once the chat is going (not part of the chat's first download); nothing shown meanwhile. */
const AttachButton = lazy(() => loadLater().then((m) => m.AttachButton), false);

/** The message box and Send button during a chat. */
export function Composer() {
  const { t, maxLength, actions } = useModel();
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const submit = (event?: Event) => {
    event?.preventDefault();
    if (!text.trim() || textLength(text) > maxLength.value) return;
    const result = actions.send(text);
    if (result.ok) {
      setText("");
      setError("");
    } else setError(errorText(t.value, result.error.code));
  };
  const input = (value: string) => {
    setText(value);
    actions.typing(value.trim().length > 0);
  };
  return (
    <form class="composer" onSubmit={submit}>
      <AttachButton />
      <MessageBox id="message" value={text} onInput={input} onSubmit={submit} hideLabel />
      <button type="submit" class="primary">
        {t.value.send}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

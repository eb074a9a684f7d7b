import { useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { MessageBox, textLength } from "./MessageBox.js";
import { WaitEstimate } from "./WaitEstimate.js";

/** Before the chat: language, optional name and email, and the first message, which starts the chat. */
export function PreChat() {
  const { t, config, language, prefill, maxLength, actions, texts } = useModel();
  const [name, setName] = useState(prefill.value.name);
  const [email, setEmail] = useState(prefill.value.email);
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const form = useRef<HTMLFormElement>(null);
  // A later prefill (Parley.identify, the session) fills only what the customer has not changed: typing is kept.
  const last = useRef(prefill.value);
  useEffect(() => {
    const was = last.current;
    const now = (last.current = prefill.value);
    setName((v) => (v === was.name ? now.name : v));
    setEmail((v) => (v === was.email ? now.email : v));
  }, [prefill.value]);

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (!text.trim() || textLength(text) > maxLength.value) return;
    if (form.current && !form.current.reportValidity()) return;
    const result = actions.startChat({ name, email, text });
    if (result.ok) setText("");
    else setError(errorText(t.value, result.error.code));
  };
  const d = t.value;
  return (
    <form ref={form} class="prechat" onSubmit={submit}>
      <div class="prechat__fields">
        <p class="intro" dir="auto">
          {texts.value?.greeting ?? d.intro}
        </p>
        <div class="field">
          <label class="label" for="language">
            {d.language}
          </label>
          <select id="language" value={language.value} onChange={(e) => actions.chooseLanguage(e.currentTarget.value)}>
            {config.value?.languages.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <WaitEstimate onLeave={() => actions.leaveMessage({ email, text })} />
        <div class="field">
          <label class="label" for="name">
            {d.name}
          </label>
          <input id="name" autocomplete="name" maxLength={80} dir="auto" value={name} aria-describedby="name-hint" onInput={(e) => setName(e.currentTarget.value)} />
          <span id="name-hint" class="hint">
            {d.optional}
          </span>
        </div>
        <div class="field">
          <label class="label" for="email">
            {d.email}
          </label>
          <input id="email" type="email" autocomplete="email" maxLength={254} value={email} aria-describedby="email-hint" onInput={(e) => setEmail(e.currentTarget.value)} />
          <span id="email-hint" class="hint">
            {d.optional}
          </span>
        </div>
      </div>
      {/* The message and Send stay in view however short the window; the fields above scroll. */}
      <div class="prechat__send">
        <MessageBox id="first-message" value={text} onInput={setText} onSubmit={submit} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary">
          {d.send}
        </button>
      </div>
    </form>
  );
}

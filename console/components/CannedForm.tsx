// Adds or edits a canned response: Kind (admins: shared or personal), Language, Shortcut, Text.
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { CannedResponseView } from "../../server/protocol/index.js";
import type { CannedDraft } from "../model/canned.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

export function CannedForm({ response }: { response: CannedResponseView | null }) {
  const { canned, agent } = useConsole();
  const languages = canned.languages.value;
  const draft = useSignal<CannedDraft>(
    response
      ? { scope: response.scope, language: response.language, shortcut: response.shortcut, text: response.text }
      : { scope: "personal", language: agent.value?.languages[0] ?? languages[0]?.id ?? "en", shortcut: "", text: "" },
  );
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (changes: Partial<CannedDraft>) => (draft.value = { ...draft.value, ...changes });
  return (
    <form
      class="official-form"
      noValidate
      aria-labelledby="canned-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        void canned.actions.save(draft.value);
      }}
    >
      <h3 id="canned-form-title">{response ? `Edit /${response.shortcut}` : "Add a response"}</h3>
      <ServerErrorBox error={canned.saveError.value} />
      <div class="form-fields">
        {response === null && canned.mayShare.value && (
          <>
            <label for="canned-scope">Kind</label>
            <select id="canned-scope" value={draft.value.scope} onChange={(e) => set({ scope: e.currentTarget.value as CannedDraft["scope"] })}>
              <option value="personal">Personal (only you)</option>
              <option value="shared">Shared (every agent)</option>
            </select>
          </>
        )}
        <label for="canned-language">Language</label>
        <select ref={first} id="canned-language" value={draft.value.language} onChange={(e) => set({ language: e.currentTarget.value })}>
          {languages.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <label for="canned-shortcut">Shortcut</label>
        <input id="canned-shortcut" type="text" autoComplete="off" value={draft.value.shortcut} aria-describedby="canned-shortcut-hint" onInput={(e) => set({ shortcut: e.currentTarget.value })} />
        <span />
        <span id="canned-shortcut-hint" class="hint">
          Letters, digits, - or _, e.g. refund-time.
        </span>
        <label for="canned-text">Text</label>
        <textarea id="canned-text" rows={4} dir="auto" value={draft.value.text} onInput={(e) => set({ text: e.currentTarget.value })} />
      </div>
      <div class="form-buttons">
        <button type="submit" class="primary">
          Save response
        </button>
        <button type="button" class="quiet" onClick={() => canned.actions.edit(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

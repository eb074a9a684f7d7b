// Enabled languages, the default one, and per enabled language its fallback and the greeting, away and queue texts;
// the peak windows below.
import { useSignal } from "@preact/signals";
import { Fragment } from "preact";
import type { AdminSettingsView } from "../../server/protocol/index.js";
import { languagesDraft, type LanguagesDraft } from "../model/settings-admin.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

const TEXTS = [
  ["greeting", "Greeting", "Shown before the chat starts."],
  ["away", "Away text", "Shown when nobody serves the language."],
  ["queue", "Queue text", "Shown while the customer waits."],
] as const;

export function LanguagesForm({ settings }: { settings: AdminSettingsView }) {
  const { runtimeSettings: page } = useConsole();
  const draft = useSignal<LanguagesDraft>(languagesDraft(settings));
  const d = draft.value;
  const set = (changes: Partial<LanguagesDraft>) => (draft.value = { ...draft.value, ...changes });
  const nameOf = (code: string) => settings.available.find((a) => a.code === code)?.name ?? code;
  const enabled = settings.available.filter((a) => d.enabled.includes(a.code));
  const toggle = (code: string, on: boolean) => set({ enabled: on ? [...d.enabled, code] : d.enabled.filter((c) => c !== code) });
  const setText = (code: string, key: (typeof TEXTS)[number][0], value: string) => set({ texts: { ...d.texts, [code]: { ...d.texts[code]!, [key]: value } } });

  return (
    <form
      class="official-form settings-form"
      aria-labelledby="languages-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        void page.actions.saveLanguages(draft.value);
      }}
    >
      <h3 id="languages-form-title">Languages</h3>
      <ServerErrorBox error={page.saveErrors.value.languages ?? null} />
      <fieldset>
        <legend>Enabled languages</legend>
        <div class="checkbox-group">
          {settings.available.map((a) => (
            <label key={a.code} lang={a.code}>
              <input type="checkbox" checked={d.enabled.includes(a.code)} onChange={(e) => toggle(a.code, e.currentTarget.checked)} /> {a.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="form-fields">
        <label for="default-language">Default language</label>
        <select id="default-language" value={d.defaultLanguage} onChange={(e) => set({ defaultLanguage: e.currentTarget.value })}>
          {enabled.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      {enabled.map(({ code, name }) => (
        <fieldset key={code} class="language-texts">
          <legend>{name}</legend>
          <div class="form-fields">
            <label for={`fallback-${code}`}>Fallback for {name}</label>
            <select id={`fallback-${code}`} value={d.fallbacks[code] ?? ""} onChange={(e) => set({ fallbacks: { ...d.fallbacks, [code]: e.currentTarget.value } })}>
              <option value="">None</option>
              {enabled
                .filter((a) => a.code !== code)
                .map((a) => (
                  <option key={a.code} value={a.code}>
                    {nameOf(a.code)}
                  </option>
                ))}
            </select>
            {TEXTS.map(([key, label, hint]) => (
              <Fragment key={key}>
                <label for={`${key}-${code}`}>
                  {label} ({name})
                </label>
                <input id={`${key}-${code}`} type="text" dir="auto" lang={code} value={d.texts[code]?.[key] ?? ""} placeholder={hint} onInput={(e) => setText(code, key, e.currentTarget.value)} />
              </Fragment>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset>
        <legend>Peak windows</legend>
        <div class="form-fields">
          <label for="peak-zone">Time zone of the peak windows</label>
          <input id="peak-zone" type="text" autoComplete="off" value={d.peakTimeZone} onInput={(e) => set({ peakTimeZone: e.currentTarget.value })} />
          <label for="peak-windows">Peak windows, one per line</label>
          <textarea id="peak-windows" rows={3} value={d.peakWindows} aria-describedby="peak-hint" onInput={(e) => set({ peakWindows: e.currentTarget.value })} />
          <span />
          <span id="peak-hint" class="hint">
            Like Mon-Fri 12:00-14:00. In these hours the widget offers the alternatives at once.
          </span>
        </div>
      </fieldset>
      <button type="submit" class="primary" aria-disabled={page.saving.value !== null}>
        Save languages
      </button>
    </form>
  );
}

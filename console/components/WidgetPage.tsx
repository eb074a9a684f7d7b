// "Widget" (admins): colour, position and greeting with a live preview, the sites allowed to embed the widget, and
// the snippet to copy.
import { useSignal } from "@preact/signals";
import type { AdminSettingsView } from "../../server/protocol/index.js";
import { contrastWithWhite } from "../model/contrast.js";
import { widgetDraft, type WidgetDraft } from "../model/settings-admin.js";
import { OnlyFor } from "./OnlyFor.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";
import { WidgetPreview } from "./WidgetPreview.js";

export function WidgetPage() {
  const { runtimeSettings: page } = useConsole();
  if (!page.allowed.value) return <OnlyFor title="Widget" who="admins" what="change the widget" />;
  const settings = page.settings.value;
  return (
    <main class="page" aria-labelledby="widget-title" aria-busy={page.loading.value}>
      <h2 id="widget-title">Widget</h2>
      <ServerErrorBox error={page.error.value} />
      {settings === null ? page.loading.value && <p class="muted">Loading settings…</p> : <WidgetForm key={JSON.stringify(settings.widget)} settings={settings} />}
    </main>
  );
}

function WidgetForm({ settings }: { settings: AdminSettingsView }) {
  const { runtimeSettings: page } = useConsole();
  const draft = useSignal<WidgetDraft>(widgetDraft(settings));
  const copied = useSignal("");
  const d = draft.value;
  const set = (changes: Partial<WidgetDraft>) => (draft.value = { ...draft.value, ...changes });
  const lowContrast = contrastWithWhite(d.color) < 4.5;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(settings.snippet);
      copied.value = "The snippet is on the clipboard.";
    } catch {
      copied.value = "Copying was refused by the browser; select the snippet and copy it.";
    }
  };
  return (
    <>
      <form
        class="official-form settings-form"
        aria-labelledby="widget-form-title"
        onSubmit={(event) => {
          event.preventDefault();
          void page.actions.saveWidget(draft.value);
        }}
      >
        <h3 id="widget-form-title">Look and sites</h3>
        <ServerErrorBox error={page.saveErrors.value.widget ?? null} />
        <div class="form-fields">
          <label for="widget-color">Colour</label>
          <input id="widget-color" type="color" value={d.color} aria-describedby="widget-color-note" onInput={(e) => set({ color: e.currentTarget.value })} />
          <span />
          <span id="widget-color-note" class={lowContrast ? "hint warning" : "hint"}>
            {d.color} — {lowContrast ? "white text on it is hard to read (contrast below 4.5:1); choose a darker colour" : "white text on it is readable"}
          </span>
          <label for="widget-position">Position</label>
          <select id="widget-position" value={d.position} onChange={(e) => set({ position: e.currentTarget.value as WidgetDraft["position"] })}>
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
          <label for="widget-greeting">Greeting</label>
          <input id="widget-greeting" type="text" dir="auto" value={d.greeting} aria-describedby="widget-greeting-hint" onInput={(e) => set({ greeting: e.currentTarget.value })} />
          <span />
          <span id="widget-greeting-hint" class="hint">
            For languages without a greeting of their own (see Languages and texts).
          </span>
        </div>
        <fieldset>
          <legend>Sites that may embed the widget</legend>
          <label>
            <input type="radio" name="origins" checked={d.anyOrigin} onChange={() => set({ anyOrigin: true })} /> Any site
          </label>
          <label>
            <input type="radio" name="origins" checked={!d.anyOrigin} onChange={() => set({ anyOrigin: false })} /> Only these sites
          </label>
          {!d.anyOrigin && (
            <div class="form-fields">
              <label for="widget-origins">Allowed origins, one per line</label>
              <textarea id="widget-origins" rows={3} value={d.origins} placeholder="https://www.example.com" onInput={(e) => set({ origins: e.currentTarget.value })} />
            </div>
          )}
        </fieldset>
        <button type="submit" class="primary" aria-disabled={page.saving.value !== null}>
          Save widget
        </button>
      </form>
      <WidgetPreview color={d.color} position={d.position} greeting={d.greeting} />
      <section class="official-form" aria-labelledby="snippet-title">
        <h3 id="snippet-title">Embed snippet</h3>
        <p class="muted">
          Put this tag on every page of your site. The bubble takes the saved colour and position, and a change saved here
          reaches your pages within 5 minutes; <code>data-color</code> or <code>data-position</code> on the tag override them.
        </p>
        <pre class="snippet">
          <code>{settings.snippet}</code>
        </pre>
        <button type="button" class="primary" onClick={() => void copy()}>
          Copy snippet
        </button>
        <p role="status" class="hint">
          {copied.value}
        </p>
      </section>
    </>
  );
}

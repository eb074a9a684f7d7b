// The admins' texts and look for the chosen language (`GET /api/widget/settings?lang=`), reloaded when the
// language changes. Until they arrive, and when they cannot be had, the widget's own texts show.
import { effect, signal, type ReadonlySignal } from "@preact/signals";
import type { WidgetSettingsView } from "../../../server/protocol/index.js";

/** Fetches the settings for a language; null when they cannot be had. */
export async function fetchWidgetSettings(baseUrl: string, fetchFn: typeof fetch, language: string): Promise<WidgetSettingsView | null> {
  try {
    const res = await fetchFn(`${baseUrl}/api/widget/settings?lang=${encodeURIComponent(language)}`, { headers: { Accept: "application/json" } });
    const body = (res.ok ? await res.json() : null) as WidgetSettingsView | null;
    return body && typeof body.color === "string" ? body : null;
  } catch {
    return null;
  }
}

/** Follows `language`; only the answer for the latest language counts. */
export function createAdminTexts(language: ReadonlySignal<string>, load: (language: string) => Promise<WidgetSettingsView | null>): ReadonlySignal<WidgetSettingsView | null> {
  const texts = signal<WidgetSettingsView | null>(null);
  let latest = 0;
  effect(() => {
    const asked = language.value;
    const token = ++latest;
    void load(asked).then((found) => {
      if (token === latest) texts.value = found;
    });
  });
  return texts;
}

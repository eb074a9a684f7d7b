// What the chat needs before a chat starts, built once for its two ways out: the JSON answers
// (`GET /api/widget/config`, `GET /api/widget/settings`) and the chat page itself, which carries both for the
// visitor's likely language so that opening the chat costs no request (and no headers) for them.
import { LANGUAGE_NAMES, type Config } from "../config.js";
import type { WidgetSettingsView } from "../protocol/admin.js";
import type { WidgetConfigView } from "../protocol/views.js";
import type { RuntimeSettings } from "../settings/runtime.js";

/** `GET /api/widget/config`. */
export const widgetConfigView = (config: Config): WidgetConfigView => ({
  languages: config.languages.map((code) => ({ code, name: LANGUAGE_NAMES[code] ?? code })),
  defaultLanguage: config.languages[0]!,
  maxMessageLength: config.maxMessageLength,
});

/** `GET /api/widget/settings?lang=`: the admins' texts and look for `asked` (an enabled language, else the default). */
export function widgetSettingsView(config: Config, settings: Pick<RuntimeSettings, "texts" | "look">, asked: string): WidgetSettingsView {
  const language = config.languages.includes(asked) ? asked : config.languages[0]!;
  const texts = settings.texts(language);
  return { language, ...settings.look(), greeting: texts.greeting || null, away: texts.away || null, queue: texts.queue || null };
}

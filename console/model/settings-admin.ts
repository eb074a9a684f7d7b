// The "Languages and texts" and "Widget" pages (admins): the runtime settings, and saving each part of them.
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { AdminSettingsView, AgentRole, LanguageTextsView } from "../../server/protocol/index.js";
import { isRecord, serverError, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import { mayUse } from "./route.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** The languages form. */
export interface LanguagesDraft {
  enabled: string[];
  defaultLanguage: string;
  fallbacks: Record<string, string>;
  peakTimeZone: string;
  /** One window per line. */
  peakWindows: string;
  texts: Record<string, Required<LanguageTextsView>>;
}

/** The widget form. */
export interface WidgetDraft {
  color: string;
  position: "right" | "left";
  greeting: string;
  anyOrigin: boolean;
  /** One origin per line. */
  origins: string;
}

export type SettingsPart = "languages" | "widget" | "categories";

export interface SettingsPage {
  allowed: ReadonlySignal<boolean>;
  settings: ReadonlySignal<AdminSettingsView | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
  saving: ReadonlySignal<SettingsPart | null>;
  saveErrors: ReadonlySignal<Partial<Record<SettingsPart, ServerError>>>;
}

export interface SettingsActions {
  refresh(): Promise<void>;
  saveLanguages(draft: LanguagesDraft): Promise<boolean>;
  saveWidget(draft: WidgetDraft): Promise<boolean>;
  /** One category per line. */
  saveCategories(text: string): Promise<boolean>;
  reset(): void;
}

const lines = (text: string) => text.split("\n").map((s) => s.trim()).filter((s) => s !== "");

export function settingsFrom(data: unknown): AdminSettingsView | null {
  return isRecord(data) && Array.isArray(data.languages) && Array.isArray(data.available) && isRecord(data.widget) ? (data as unknown as AdminSettingsView) : null;
}

/** The languages form filled from the settings ("" = no fallback). */
export function languagesDraft(s: AdminSettingsView): LanguagesDraft {
  const texts: LanguagesDraft["texts"] = {};
  for (const { code } of s.available) texts[code] = { greeting: s.texts[code]?.greeting ?? "", away: s.texts[code]?.away ?? "", queue: s.texts[code]?.queue ?? "" };
  return {
    enabled: [...s.languages],
    defaultLanguage: s.languages[0] ?? "",
    fallbacks: Object.fromEntries(s.languages.map((l) => [l, s.fallbacks[l] ?? ""])),
    peakTimeZone: s.peakWindows.timeZone,
    peakWindows: s.peakWindows.shifts.join("\n"),
    texts,
  };
}

/** The PUT body of the languages form: the default language first, then the others in the list's order. */
export function languagesBody(draft: LanguagesDraft, order: readonly string[]) {
  const enabled = order.filter((code) => draft.enabled.includes(code));
  const languages = enabled.includes(draft.defaultLanguage) ? [draft.defaultLanguage, ...enabled.filter((c) => c !== draft.defaultLanguage)] : enabled;
  return {
    languages,
    fallbacks: Object.fromEntries(languages.map((l) => [l, draft.fallbacks[l] || null])),
    peakWindows: { timeZone: draft.peakTimeZone.trim(), shifts: lines(draft.peakWindows) },
    texts: Object.fromEntries(languages.map((l) => [l, draft.texts[l] ?? {}])),
  };
}

export function widgetDraft(s: AdminSettingsView): WidgetDraft {
  return { ...s.widget, anyOrigin: s.embedOrigins === "*", origins: s.embedOrigins === "*" ? "" : s.embedOrigins.join("\n") };
}

export function widgetBody(draft: WidgetDraft) {
  return { color: draft.color, position: draft.position, greeting: draft.greeting.trim(), embedOrigins: draft.anyOrigin ? "*" : lines(draft.origins) };
}

export function createSettingsAdmin(ctx: SelfServiceContext, role: () => AgentRole | undefined): { page: SettingsPage; actions: SettingsActions } {
  const allowed = computed(() => mayUse(role(), "languages"));
  const resource = createResource(ctx, settingsFrom);
  const current = signal<AdminSettingsView | null>(null);
  const settings = computed(() => current.value ?? resource.resource.data.value);
  const saving = signal<SettingsPart | null>(null);
  const saveErrors = signal<Partial<Record<SettingsPart, ServerError>>>({});

  async function save(part: SettingsPart, path: string, json: unknown, done: string): Promise<boolean> {
    if (!allowed.value || saving.value !== null) return false;
    saving.value = part;
    const result = await ctx.call({ method: "PUT", path, json });
    saving.value = null;
    const { [part]: _old, ...others } = saveErrors.value;
    saveErrors.value = result.ok ? others : { ...others, [part]: serverError(result) };
    const view = result.ok ? settingsFrom(result.data) : null;
    if (view) current.value = view;
    if (result.ok) ctx.notify(done);
    return result.ok;
  }

  return {
    page: { allowed, settings, loading: resource.resource.loading, error: resource.resource.error, saving, saveErrors },
    actions: {
      async refresh() {
        if (!allowed.value) return;
        current.value = null;
        await resource.load("/api/admin/settings");
      },
      saveLanguages: (draft) => save("languages", "/api/admin/settings/languages", languagesBody(draft, settings.value?.available.map((a) => a.code) ?? []), "The language settings were saved; the widget shows them now."),
      saveWidget: (draft) => save("widget", "/api/admin/settings/widget", widgetBody(draft), "The widget settings were saved."),
      saveCategories: (text) => save("categories", "/api/admin/settings/ticket-categories", { categories: lines(text) }, "The ticket categories were saved."),
      reset() {
        resource.reset();
        current.value = null;
        saving.value = null;
        saveErrors.value = {};
      },
    },
  };
}

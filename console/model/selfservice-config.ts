// The server's self-service settings (ticket categories, upload limits, official-account channels) and the
// configured languages, fetched once per session when a page first needs them.
import { signal, type ReadonlySignal } from "@preact/signals";
import { isRecord } from "./http-port.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** An option of a select: what is sent, and what is shown. */
export interface Choice {
  id: string;
  name: string;
}

/** What the pages read from the server's configuration. */
export interface SelfServiceSettings {
  categories: Choice[];
  channels: Choice[];
  languages: Choice[];
  maxFiles: number;
  maxFileBytes: number;
}

/** The settings before (or without) an answer: no options, no upload limits known. */
export const NO_SETTINGS: SelfServiceSettings = {
  categories: [],
  channels: [],
  languages: [],
  maxFiles: Number.POSITIVE_INFINITY,
  maxFileBytes: Number.POSITIVE_INFINITY,
};

/** Options from a list of strings or `{ id|code, name }` objects; anything else is skipped. */
export function choicesFrom(value: unknown, key: "id" | "code" = "id"): Choice[] {
  if (!Array.isArray(value)) return [];
  const choices: Choice[] = [];
  for (const item of value) {
    if (typeof item === "string") choices.push({ id: item, name: item });
    else if (isRecord(item) && typeof item[key] === "string") {
      const id = item[key] as string;
      choices.push({ id, name: typeof item.name === "string" ? item.name : id });
    }
  }
  return choices;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** The settings in `GET /api/selfservice/config` and `GET /api/widget/config` replies. */
export function settingsFrom(selfService: unknown, widget: unknown): SelfServiceSettings {
  const s = isRecord(selfService) ? selfService : {};
  const w = isRecord(widget) ? widget : {};
  return {
    categories: choicesFrom(s.categories),
    channels: choicesFrom(s.channels),
    languages: choicesFrom(w.languages, "code"),
    maxFiles: positive(s.maxFiles, NO_SETTINGS.maxFiles),
    maxFileBytes: positive(s.maxFileBytes, NO_SETTINGS.maxFileBytes),
  };
}

/** The settings and their loading. */
export interface SettingsModel {
  settings: ReadonlySignal<SelfServiceSettings>;
  /** Fetches the settings unless they are already here (a failure is retried on the next call). */
  ensure(): Promise<void>;
  reset(): void;
}

/** Creates the settings model. */
export function createSettings(ctx: SelfServiceContext): SettingsModel {
  const settings = signal<SelfServiceSettings>(NO_SETTINGS);
  let loading: Promise<void> | null = null;
  let loaded = false;

  async function load(): Promise<void> {
    const [own, widget] = await Promise.all([
      ctx.call({ method: "GET", path: "/api/selfservice/config" }),
      ctx.call({ method: "GET", path: "/api/widget/config" }),
    ]);
    if (!own.ok) return;
    settings.value = settingsFrom(own.data, widget.ok ? widget.data : null);
    loaded = true;
  }

  return {
    settings,
    ensure() {
      if (loaded) return Promise.resolve();
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },
    reset() {
      settings.value = NO_SETTINGS;
      loaded = false;
    },
  };
}

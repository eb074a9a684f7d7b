// What the chat page carries for a quick start (server/http/pages.ts): the widget configuration, the admins' texts
// and look for the hinted language, and the queues, in a JSON data block, so that opening the chat needs no request
// for them.
// Anything missing or malformed reads as absent, and the chat fetches it as before.
import type { QueuesView, WidgetConfigView, WidgetSettingsView } from "../../../server/protocol/index.js";
import { isConfig } from "./config.js";
import { parseQueues } from "./queues.js";

/** The page's start data, each part null when absent or malformed. */
export interface BootData {
  config: WidgetConfigView | null;
  settings: WidgetSettingsView | null;
  /** `GET /api/queues` as it was when the page was made. */
  queues: QueuesView | null;
}

type Raw = { config?: unknown; settings?: unknown; queues?: unknown } | null;

const parse = (text: string): Raw => {
  try {
    return JSON.parse(text) as Raw;
  } catch {
    return null;
  }
};

/** Reads `<script type="application/json" id="parley-boot">` from `doc`. */
export function readBootData(doc: Pick<Document, "getElementById">): BootData {
  const raw = parse(doc.getElementById("parley-boot")?.textContent ?? "null");
  const settings = raw?.settings as Partial<WidgetSettingsView> | undefined;
  return {
    config: isConfig(raw?.config) ? raw.config : null,
    settings: settings && typeof settings.language === "string" && typeof settings.color === "string" ? (settings as WidgetSettingsView) : null,
    queues: raw?.queues ? parseQueues(raw.queues) : null,
  };
}

// The widget configuration (`GET /api/widget/config`), fetched until it arrives.
import type { WidgetConfigView } from "../../../server/protocol/index.js";
import { backoffDelay, DEFAULT_BACKOFF } from "../../client/backoff.js";

/** Whether `x` is a usable configuration. */
export function isConfig(x: unknown): x is WidgetConfigView {
  const c = x as Partial<WidgetConfigView> | null;
  return !!c && Array.isArray(c.languages) && c.languages.length > 0 && typeof c.defaultLanguage === "string" && typeof c.maxMessageLength === "number";
}

/** Fetches the configuration, retrying with backoff; `onRetry` is told about each failed attempt. */
export async function fetchWidgetConfig(baseUrl: string, fetchFn: typeof fetch, onRetry: () => void): Promise<WidgetConfigView> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetchFn(`${baseUrl}/api/widget/config`, { headers: { Accept: "application/json" } });
      const body: unknown = res.ok ? await res.json() : null;
      if (isConfig(body)) return body;
    } catch {
      // Offline: retry below.
    }
    onRetry();
    await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, DEFAULT_BACKOFF)));
  }
}

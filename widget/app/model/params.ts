// What the chat page learns from its URL: `/chat?host=<embedding origin>&lang=<language hint>&color=<rrggbb>`
// (the app page: `/chat/app?lang=<hint>&color=<rrggbb>`).

/** The chat page's query parameters, checked. */
export interface ChatParams {
  /** The origin of the page that embeds us, or null (opened directly, or not a plain origin). */
  host: string | null;
  /** The host page's language hint (`data-language` or `<html lang>`); "" when absent. */
  lang: string;
  /** The site's colour as 3 or 6 hex digits (checked where it is used); null when absent. */
  color: string | null;
}

/** `value` if it is exactly an http(s) origin such as `https://shop.example`, else null. */
export function exactOrigin(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

/** Parses `location.search`. */
export function parseParams(search: string): ChatParams {
  const q = new URLSearchParams(search);
  return { host: exactOrigin(q.get("host")), lang: (q.get("lang") ?? "").slice(0, 35), color: q.get("color") };
}

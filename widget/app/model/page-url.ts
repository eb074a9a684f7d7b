// The host page as the chat reports it: origin + path of an http(s) URL, or "" (the widget README promises
// agents never see the query string or fragment). The server strips them again at its boundary.

/** `raw` as origin + path, or "" when it is not an http(s) URL. */
export function pagePlace(raw: string | undefined): string {
  if (!raw || !URL.canParse(raw)) return "";
  const url = new URL(raw);
  return url.protocol === "https:" || url.protocol === "http:" ? `${url.origin}${url.pathname}` : "";
}

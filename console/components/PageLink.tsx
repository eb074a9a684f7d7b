// The visitor's page URL: always shown as text, a link only when it is http(s).
import { linkableUrl } from "../format.js";

/** The URL as text, linked (in a new tab, no referrer, no opener) when it is an http(s) URL. */
export function PageLink({ url }: { url: string }) {
  const href = linkableUrl(url);
  const text = (
    <bdi class="url" dir="ltr">
      {url}
    </bdi>
  );
  if (!href) return text;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {text}
    </a>
  );
}

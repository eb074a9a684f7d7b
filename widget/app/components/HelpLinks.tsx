import type { HelpLink } from "../../../server/protocol/index.js";
import type { Dictionary } from "../i18n/index.js";

/** The configured help articles of a language, each opening in a new tab that cannot reach back to us. */
export function HelpLinks({ links, t, id }: { links: readonly HelpLink[]; t: Dictionary; id: string }) {
  if (links.length === 0) return null;
  return (
    <div class="help-links">
      <p class="label" id={id}>
        {t.helpLinks}
      </p>
      <ul aria-labelledby={id}>
        {links.map((link) => (
          <li key={link.url}>
            <a href={link.url} target="_blank" rel="noopener noreferrer" dir="auto">
              {link.title}
              <span class="sr-only"> {t.newTab}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

// The "Sections" navigation: Chats, Tickets, Feedback and (for admins) Official accounts, as hash links.
import { UnreadBadge } from "./UnreadBadge.js";
import { useConsole } from "./use-console.js";

/** Links to the sections the agent may use; the current one is marked `aria-current="page"`. */
export function SectionNav() {
  const { sections, route, unreadTotal } = useConsole();
  const current = route.value.section;
  return (
    <nav class="sections" aria-label="Sections">
      <ul>
        {sections.value.map((link) => (
          <li key={link.id}>
            <a href={link.href} class="section-link" aria-current={link.id === current ? "page" : undefined}>
              {link.label}
              {link.id === "chats" && <UnreadBadge count={unreadTotal.value} />}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// "Search": past conversations and tickets by text, name, email and dates; a conversation opens read-only here,
// a ticket opens in Tickets.
import { useSignal } from "@preact/signals";
import { formatDateTime } from "../format.js";
import { conversationHref, ticketHref } from "../model/route.js";
import type { SearchQuery } from "../model/search.js";
import { PastConversationView } from "./PastConversationView.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

export function SearchPage() {
  const { search, agent } = useConsole();
  const draft = useSignal<SearchQuery>(search.query.value);
  const results = search.results.value;
  const set = (changes: Partial<SearchQuery>) => (draft.value = { ...draft.value, ...changes });
  if (search.openedId.value !== null) return <PastConversationView />;
  return (
    <main class="page" aria-labelledby="search-title" aria-busy={search.loading.value}>
      <h2 id="search-title">Search</h2>
      <p class="muted">
        {agent.value?.role === "agent" ? "Conversations you handled and all tickets" : "All conversations and tickets"}; without dates, the last 30 days.
      </p>
      <form
        role="search"
        class="official-form"
        aria-label="Search conversations and tickets"
        onSubmit={(event) => {
          event.preventDefault();
          void search.actions.search(draft.value);
        }}
      >
        <div class="form-fields">
          <label for="search-text">Text, name or email</label>
          <input id="search-text" type="search" value={draft.value.text} onInput={(e) => set({ text: e.currentTarget.value })} />
          <label for="search-from">From</label>
          <input id="search-from" type="date" value={draft.value.from} onInput={(e) => set({ from: e.currentTarget.value })} />
          <label for="search-to">To</label>
          <input id="search-to" type="date" value={draft.value.to} onInput={(e) => set({ to: e.currentTarget.value })} />
        </div>
        <button type="submit" class="primary add-button">
          Search
        </button>
      </form>
      <ServerErrorBox error={search.error.value} />
      {results && (
        <>
          <p role="status" class="muted">
            {results.conversations.length} conversation(s) and {results.tickets.length} ticket(s){results.truncated ? " — only the newest are listed; narrow the search" : ""}.
          </p>
          <section aria-labelledby="hits-conversations">
            <h3 id="hits-conversations">Conversations</h3>
            <ul class="hit-list" aria-labelledby="hits-conversations">
              {results.conversations.map((c) => (
                <li key={c.id}>
                  <a href={conversationHref(c.id)}>
                    <bdi>{c.visitorName}</bdi>
                    {c.visitorEmail && <span class="muted"> ({c.visitorEmail})</span>} — {formatDateTime(c.createdAt)}, {c.language}
                  </a>
                  {c.match && (
                    <p class="hit-match" dir="auto">
                      {c.match}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="hits-tickets">
            <h3 id="hits-tickets">Tickets</h3>
            <ul class="hit-list" aria-labelledby="hits-tickets">
              {results.tickets.map((t) => (
                <li key={t.id}>
                  <a href={ticketHref(t.id)}>
                    #{t.number} <bdi>{t.subject}</bdi>
                    <span class="muted"> ({t.email})</span> — {formatDateTime(t.createdAt)}
                  </a>
                  {t.match && (
                    <p class="hit-match" dir="auto">
                      {t.match}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}

// A past conversation opened from Search: its transcript, read-only (no reply box), with a link back.
import { formatDateTime, formatTime } from "../format.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

export function PastConversationView() {
  const { search } = useConsole();
  const past = search.opened.value;
  return (
    <main class="page" aria-labelledby="past-title" aria-busy={past === null}>
      <a href="#/search">Back to the results</a>
      <ServerErrorBox error={search.openError.value} />
      {past && (
        <>
          <h2 id="past-title">
            Conversation with <bdi>{past.conversation.visitorName}</bdi>
          </h2>
          <p class="muted">
            {past.conversation.visitorEmail ?? "No email"} · {past.conversation.language} · started {formatDateTime(past.conversation.createdAt)} · {past.conversation.status} (read-only)
          </p>
          <ol class="past-transcript" aria-label="Transcript">
            {past.messages.map((m) => (
              <li key={m.seq} class={`past-message past-message--${m.author}`}>
                <span class="past-author">{m.author === "visitor" ? past.conversation.visitorName : m.author === "agent" ? (m.authorName ?? "Agent") : "System"}</span>{" "}
                <time class="muted" dateTime={new Date(m.at).toISOString()}>
                  {formatTime(m.at)}
                </time>
                <p dir="auto">{m.text}</p>
              </li>
            ))}
          </ol>
        </>
      )}
      {past === null && search.openError.value === null && <h2 id="past-title">Loading the conversation…</h2>}
    </main>
  );
}

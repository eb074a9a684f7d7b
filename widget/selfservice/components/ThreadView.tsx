import { useEffect, useState } from "preact/hooks";
import type { TicketMessageView, TicketThreadView } from "../../../server/protocol/index.js";
import { format, type Dictionary } from "../../app/i18n/index.js";
import { shown } from "../../client/bidi.js";
import { useSelfService } from "../context.js";
import { Attachments } from "./Attachments.js";
import { ReplyForm } from "./ReplyForm.js";

const STATUS_KEYS = { open: "status_open", pending: "status_pending", solved: "status_solved" } as const;

function author(d: Dictionary, m: TicketMessageView): string {
  if (m.author === "customer") return d.you;
  return m.author === "agent" ? m.authorName || d.support : d.support;
}

/** One message of the thread, as text, with its files. */
function ThreadMessage({ message, when }: { message: TicketMessageView; when: Intl.DateTimeFormat }) {
  const d = useSelfService().t.value;
  return (
    <li class={`thread__msg thread__msg--${message.author}`}>
      <p class="msg__meta">
        <bdi>{shown(author(d, message))}</bdi> <time dateTime={new Date(message.at).toISOString()}>{when.format(message.at)}</time>
      </p>
      <p class="msg__text" dir="auto">
        {message.text}
      </p>
      <Attachments files={message.attachments} />
    </li>
  );
}

/** The customer's private ticket page: subject, number, status, messages, and the reply form. */
export function ThreadView({ token }: { token: string }) {
  const { t, api, language, loadConfig } = useSelfService();
  const d = t.value;
  const [thread, setThread] = useState<TicketThreadView | null>(null);
  // Kept as what went wrong, not as text, so that it follows a change of language.
  const [problem, setProblem] = useState<{ notFound: boolean; message: string } | null>(null);
  useEffect(loadConfig, []);
  useEffect(() => {
    void api.thread(token).then((r) => {
      if (r.ok) setThread(r.data);
      else setProblem({ notFound: r.status === 404, message: r.message });
    });
  }, [token]);

  if (!thread) {
    const text = problem ? (problem.notFound ? d.threadNotFound : problem.message || d.error_generic) : d.loading;
    return (
      <p class={problem ? "error" : "loading"} role={problem ? "alert" : "status"}>
        {text}
      </p>
    );
  }
  const when = new Intl.DateTimeFormat(language.value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <article class="thread">
      <h1 class="thread__subject" dir="auto">
        {thread.subject}
      </h1>
      <p class="thread__number">{format(d.ticketNumber, { number: thread.number })}</p>
      <dl class="thread__facts">
        <div>
          <dt>{d.status}</dt>
          <dd>{d[STATUS_KEYS[thread.status]] ?? thread.status}</dd>
        </div>
        {thread.category && (
          <div>
            <dt>{d.category}</dt>
            <dd dir="auto">{thread.category}</dd>
          </div>
        )}
      </dl>
      <h2 class="sr-only">{d.threadMessages}</h2>
      <ol class="thread__messages" aria-label={d.threadMessages}>
        {thread.messages.map((m) => (
          <ThreadMessage key={m.id} message={m} when={when} />
        ))}
      </ol>
      <ReplyForm token={token} onSent={setThread} />
    </article>
  );
}

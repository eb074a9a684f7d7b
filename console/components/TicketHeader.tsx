// The open ticket's header: subject, number, customer, category, language, source, status and its changes.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { AgentTicketView } from "../../server/protocol/index.js";
import { formatDateTime, shown, languageName, TICKET_SOURCE_TEXT, TICKET_STATUS_TEXT } from "../format.js";
import { statusChanges } from "../model/ticket-rules.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The header, with "Mark as pending" / "Mark as solved" / "Reopen" as the status allows. */
export function TicketHeader({ ticket }: { ticket: AgentTicketView }) {
  const { tickets } = useConsole();
  const { busy, statusError } = tickets.detail;
  const title = useRef<HTMLHeadingElement>(null);
  const actions = useRef<HTMLDivElement>(null);
  // A newly opened ticket takes the focus to its title, so keyboard and screen-reader users land in it.
  useEffect(() => title.current?.focus(), [ticket.id]);
  // The button just used may be gone with the old status ("Mark as solved"); keep the keyboard in the actions.
  useEffect(() => {
    if (document.activeElement === document.body) actions.current?.querySelector("button")?.focus();
  }, [ticket.status]);
  return (
    <header class="chat-head ticket-head">
      <div class="chat-who">
        <a class="back-link" href="#/tickets">
          All tickets
        </a>
        <h2 id="ticket-title" ref={title} tabIndex={-1}>
          <bdi>{shown(ticket.subject)}</bdi>
        </h2>
        <dl class="facts">
          <Fact term="Number">#{ticket.number}</Fact>
          <Fact term="Email">
            <bdi>{shown(ticket.email)}</bdi> {ticket.emailVerified ? "(verified by the site)" : <span class="tag tag--unverified">Email unverified</span>}
          </Fact>
          <Fact term="Category">
            <bdi>{ticket.category}</bdi>
          </Fact>
          <Fact term="Language">
            <span class="language-code">{ticket.language}</span> {languageName(ticket.language)}
          </Fact>
          <Fact term="Source">{TICKET_SOURCE_TEXT[ticket.source] ?? ticket.source}</Fact>
          <Fact term="Status">{TICKET_STATUS_TEXT[ticket.status] ?? ticket.status}</Fact>
          <Fact term="Created">{formatDateTime(ticket.createdAt)}</Fact>
        </dl>
        {!ticket.emailVerified && (
          <p class="note">
            Nobody has proven this address is the customer's: whoever opened the ticket typed it and can read the replies. Do not put account details in
            them.
          </p>
        )}
        {ticket.conversationId !== null && (
          <p class="note">This ticket was created from a chat; the chat's transcript is at the start of the thread.</p>
        )}
        <ServerErrorBox error={statusError.value} />
      </div>
      <div class="ticket-actions" ref={actions}>
        {statusChanges(ticket.status).map((change) => (
          // aria-disabled, not disabled: a disabled button loses the focus (the model ignores clicks while busy).
          <button key={change.status} type="button" aria-disabled={busy.value} onClick={() => void tickets.actions.setStatus(change.status)}>
            {change.label}
          </button>
        ))}
      </div>
    </header>
  );
}

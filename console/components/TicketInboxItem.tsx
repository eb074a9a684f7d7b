// One line of the inbox: number, subject, email, whether it awaits a reply, status, category, language, update time.
import type { AgentTicketSummary } from "../../server/protocol/index.js";
import { formatDateTime, shown, languageName, TICKET_STATUS_TEXT } from "../format.js";
import { ticketHref } from "../model/route.js";

/** A link that opens its ticket. */
export function TicketInboxItem({ ticket, selected }: { ticket: AgentTicketSummary; selected: boolean }) {
  const classes = ["ticket-item", selected && "ticket-item--selected", ticket.awaitingAgent && "ticket-item--awaiting"];
  return (
    <li>
      <a href={ticketHref(ticket.id)} class={classes.filter(Boolean).join(" ")} aria-current={selected ? "page" : undefined}>
        <span class="ticket-top">
          <span class="ticket-number">#{ticket.number}</span>{" "}
          <bdi class="ticket-subject">{shown(ticket.subject)}</bdi>
        </span>{" "}
        <bdi class="ticket-email">{shown(ticket.email)}</bdi>{" "}
        <span class="ticket-flags">
          {ticket.awaitingAgent && <span class="tag tag--new">Awaiting reply</span>}
          {!ticket.emailVerified && <span class="tag tag--unverified">Email unverified</span>}
          <span class={`tag tag--${ticket.status}`}>{TICKET_STATUS_TEXT[ticket.status]}</span>
          <bdi class="tag">{ticket.category}</bdi>
          <span class="language">
            <span class="language-code">{ticket.language}</span>
            <span class="sr-only"> {languageName(ticket.language)}</span>
          </span>
          <span class="ticket-updated">
            Updated <time dateTime={new Date(ticket.updatedAt).toISOString()}>{formatDateTime(ticket.updatedAt)}</time>
          </span>
        </span>
      </a>
    </li>
  );
}

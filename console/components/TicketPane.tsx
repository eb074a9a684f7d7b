// The right-hand pane of the Tickets section: the open ticket, or what to do.
import { ServerErrorBox } from "./ServerErrorBox.js";
import { TicketHeader } from "./TicketHeader.js";
import { TicketReplyForm } from "./TicketReplyForm.js";
import { TicketThread } from "./TicketThread.js";
import { useConsole } from "./use-console.js";

/** The open ticket: header, thread and reply form. */
export function TicketPane() {
  const { tickets } = useConsole();
  const { openId, ticket, loadError } = tickets.detail;
  const view = ticket.value;
  if (openId.value === null) {
    return (
      <div class="pane-empty">
        <p>Select a ticket to read and reply.</p>
      </div>
    );
  }
  if (!view) {
    return (
      <div class="pane-empty">
        {loadError.value ? <ServerErrorBox error={loadError.value} /> : <p role="status">Loading ticket…</p>}
        <p>
          <a href="#/tickets">Back to the inbox</a>
        </p>
      </div>
    );
  }
  return (
    <section class="ticket" aria-labelledby="ticket-title">
      <TicketHeader ticket={view} />
      <TicketThread ticket={view} />
      <TicketReplyForm key={view.id} />
    </section>
  );
}

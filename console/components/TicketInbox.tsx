// The list of tickets matching the filters; each opens its ticket.
import { TicketInboxItem } from "./TicketInboxItem.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** The inbox list, with its loading, empty and error states. */
export function TicketInbox() {
  const { tickets } = useConsole();
  const list = tickets.inbox.tickets.value;
  const openId = tickets.detail.openId.value;
  return (
    <div class="inbox">
      <ServerErrorBox error={tickets.inbox.error.value} />
      {list === null ? (
        tickets.inbox.loading.value && <p class="muted empty-list">Loading tickets…</p>
      ) : list.length === 0 ? (
        <p class="muted empty-list">No tickets match these filters.</p>
      ) : (
        <ul class="ticket-list" aria-label="Ticket inbox">
          {list.map((ticket) => (
            <TicketInboxItem key={ticket.id} ticket={ticket} selected={ticket.id === openId} />
          ))}
        </ul>
      )}
    </div>
  );
}

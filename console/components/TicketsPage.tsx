// The "Tickets" section: the inbox (filters and list) beside the open ticket.
import { TicketFilters } from "./TicketFilters.js";
import { TicketInbox } from "./TicketInbox.js";
import { TicketPane } from "./TicketPane.js";
import { useConsole } from "./use-console.js";

/** The ticket inbox and the open ticket. */
export function TicketsPage() {
  const { tickets } = useConsole();
  const count = tickets.inbox.tickets.value?.length;
  const open = tickets.detail.openId.value !== null;
  return (
    <div class={open ? "panes panes--wide-list panes--detail-open" : "panes panes--wide-list"}>
      <section class="sidebar" aria-labelledby="inbox-title">
        <h2 id="inbox-title" class="sidebar-title">
          Tickets {count !== undefined && <span class="count">{count}</span>}
        </h2>
        <TicketFilters />
        <TicketInbox />
      </section>
      <main class="pane">
        <TicketPane />
      </main>
    </div>
  );
}

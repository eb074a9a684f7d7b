// The inbox filters: ticket status, category, language (each "All" by default), and a refresh button.
import type { TicketStatus } from "../../server/protocol/index.js";
import { TICKET_STATUS_TEXT } from "../format.js";
import { useConsole } from "./use-console.js";

const STATUSES: TicketStatus[] = ["open", "pending", "solved"];

function isStatus(value: string): value is TicketStatus | "" {
  return value === "" || (STATUSES as string[]).includes(value);
}

/** Selects labelled "Ticket status", "Category" and "Language" (the header has the agent's own "Status"). */
export function TicketFilters() {
  const { tickets, settings } = useConsole();
  const filters = tickets.inbox.filters.value;
  const { categories, languages } = settings.value;
  const set = tickets.actions.setFilters;
  return (
    <div class="filters">
      <label for="ticket-status-filter">Ticket status</label>
      <select
        id="ticket-status-filter"
        value={filters.status}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isStatus(value)) void set({ status: value });
        }}
      >
        <option value="">All</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {TICKET_STATUS_TEXT[status]}
          </option>
        ))}
      </select>
      <label for="ticket-category-filter">Category</label>
      <select id="ticket-category-filter" value={filters.category} onChange={(e) => void set({ category: e.currentTarget.value })}>
        <option value="">All categories</option>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <label for="ticket-language-filter">Language</label>
      <select id="ticket-language-filter" value={filters.language} onChange={(e) => void set({ language: e.currentTarget.value })}>
        <option value="">All languages</option>
        {languages.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.id})
          </option>
        ))}
      </select>
      <button type="button" class="quiet" disabled={tickets.inbox.loading.value} onClick={() => void tickets.actions.refresh()}>
        {tickets.inbox.loading.value ? "Refreshing…" : "Refresh"}
      </button>
    </div>
  );
}

// The ticket inbox: its filters, the list, and refreshing it (on entering, on filter changes, after actions,
// and every 30 s while it is on screen; tickets arrive by HTTP, not over the socket).
import { signal, type ReadonlySignal } from "@preact/signals";
import type { AgentTicketSummary } from "../../server/protocol/index.js";
import type { ServerError } from "./http-port.js";
import { createPoller } from "./poller.js";
import { createResource } from "./resource.js";
import type { SelfServiceContext } from "./selfservice-context.js";
import { ALL_TICKETS, ticketsFrom, ticketsPath, type TicketFilters } from "./ticket-rules.js";

/** How often the inbox refreshes while on screen. */
export const INBOX_POLL_MS = 30_000;

/** The inbox as components read it. */
export interface TicketInbox {
  filters: ReadonlySignal<TicketFilters>;
  /** The tickets matching the filters, most recently updated first; `null` until first loaded. */
  tickets: ReadonlySignal<readonly AgentTicketSummary[] | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
}

/** Inbox actions. */
export interface TicketInboxActions {
  /** Changes some filters and reloads. */
  setFilters(change: Partial<TicketFilters>): Promise<void>;
  /** Reloads the list with the current filters. */
  refresh(): Promise<void>;
  /** Polls while `true` (the inbox is on screen and the tab visible). */
  setPolling(active: boolean): void;
  /** Forgets everything (sign-out). */
  reset(): void;
}

/** Creates the inbox. */
export function createTicketInbox(ctx: SelfServiceContext): { inbox: TicketInbox; actions: TicketInboxActions } {
  const filters = signal<TicketFilters>(ALL_TICKETS);
  const list = createResource<readonly AgentTicketSummary[]>(ctx, ticketsFrom);
  const poller = createPoller({ timers: ctx.timers, now: ctx.now, intervalMs: INBOX_POLL_MS, run: () => void refresh() });

  function refresh(): Promise<void> {
    poller.ran();
    return list.load(ticketsPath(filters.value));
  }

  return {
    inbox: { filters, tickets: list.resource.data, loading: list.resource.loading, error: list.resource.error },
    actions: {
      setFilters(change) {
        filters.value = { ...filters.value, ...change };
        return refresh();
      },
      refresh,
      setPolling: poller.setActive,
      reset() {
        poller.setActive(false);
        filters.value = ALL_TICKETS;
        list.reset();
      },
    },
  };
}

// The open ticket: loading it, replying (text and files, multipart) and changing its status. Every change
// also refreshes the inbox, whose line for the ticket changes with it.
import { signal, type ReadonlySignal } from "@preact/signals";
import type { AgentTicketView, TicketStatus } from "../../server/protocol/index.js";
import { localError, MALFORMED, serverError, type HttpResult, type ServerError } from "./http-port.js";
import { createLatest } from "./poller.js";
import type { SettingsModel } from "./selfservice-config.js";
import type { SelfServiceContext } from "./selfservice-context.js";
import { fileIssues, statusChanges, ticketFrom } from "./ticket-rules.js";

/** The open ticket as components read it. */
export interface TicketDetail {
  /** The ticket the route names, or `null`. */
  openId: ReadonlySignal<string | null>;
  /** Its view once loaded (`null` while loading or after a failure). */
  ticket: ReadonlySignal<AgentTicketView | null>;
  /** Why the ticket could not be loaded. */
  loadError: ReadonlySignal<ServerError | null>;
  /** A reply or status change is on its way. */
  busy: ReadonlySignal<boolean>;
  replyError: ReadonlySignal<ServerError | null>;
  statusError: ReadonlySignal<ServerError | null>;
}

/** Ticket actions. */
export interface TicketDetailActions {
  /** Shows ticket `id` (`null`: none) and loads it. */
  open(id: string | null): Promise<void>;
  /** Sends a reply; resolves `true` when the server stored it (the form may then be cleared). */
  reply(text: string, files: readonly File[]): Promise<boolean>;
  /** Changes the open ticket's status. */
  setStatus(status: TicketStatus): Promise<void>;
  reset(): void;
}

/** Creates the open-ticket model; `refreshInbox` runs after every change. */
export function createTicketDetail(
  ctx: SelfServiceContext,
  settings: SettingsModel,
  refreshInbox: () => Promise<void>,
): { detail: TicketDetail; actions: TicketDetailActions } {
  const openId = signal<string | null>(null);
  const ticket = signal<AgentTicketView | null>(null);
  const loadError = signal<ServerError | null>(null);
  const busy = signal(false);
  const replyError = signal<ServerError | null>(null);
  const statusError = signal<ServerError | null>(null);
  const latest = createLatest();

  const path = (id: string) => `/api/agent/tickets/${encodeURIComponent(id)}`;

  /** Applies a reply that answers with the ticket; returns the error to show, if any. */
  function applyTicket(result: HttpResult, id: string): ServerError | null {
    if (!result.ok) return serverError(result);
    const view = ticketFrom(result.data);
    if (!view) return MALFORMED;
    if (openId.value === id) ticket.value = view;
    return null;
  }

  async function change(run: () => Promise<HttpResult>, onError: (error: ServerError | null) => void, id: string): Promise<boolean> {
    busy.value = true;
    onError(null);
    try {
      const error = applyTicket(await run(), id);
      onError(error);
      if (error === null) void refreshInbox();
      return error === null;
    } finally {
      busy.value = false;
    }
  }

  return {
    detail: { openId, ticket, loadError, busy, replyError, statusError },
    actions: {
      async open(id) {
        const token = latest.next();
        if (openId.value !== id) {
          ticket.value = null;
          replyError.value = null;
          statusError.value = null;
        }
        openId.value = id;
        loadError.value = null;
        if (id === null) return;
        const result = await ctx.call({ method: "GET", path: path(id) });
        if (!latest.isLatest(token)) return;
        loadError.value = applyTicket(result, id);
      },
      async reply(text, files) {
        const id = openId.value;
        if (id === null || busy.value) return false;
        if (text.trim() === "" && files.length === 0) {
          replyError.value = localError("Write a reply or attach a file.", [{ path: "text", message: "Empty" }]);
          return false;
        }
        await settings.ensure();
        const issues = fileIssues(files, settings.settings.value);
        if (issues.length > 0) {
          replyError.value = localError("These files cannot be sent.", issues);
          return false;
        }
        const form = new FormData();
        form.set("text", text);
        for (const file of files) form.append("files", file, file.name);
        const sent = await change(() => ctx.call({ method: "POST", path: `${path(id)}/replies`, form }), (e) => (replyError.value = e), id);
        if (sent) ctx.notify(`Reply sent to ${ticket.value?.email ?? "the customer"}.`);
        return sent;
      },
      async setStatus(status) {
        const id = openId.value;
        const current = ticket.value;
        if (id === null || !current || busy.value) return;
        if (!statusChanges(current.status).some((c) => c.status === status)) return;
        const done = await change(() => ctx.call({ method: "POST", path: `${path(id)}/status`, json: { status } }), (e) => (statusError.value = e), id);
        if (done) ctx.notify(`Ticket #${current.number} is now ${status}.`);
      },
      reset() {
        latest.next();
        openId.value = null;
        ticket.value = null;
        loadError.value = null;
        busy.value = false;
        replyError.value = null;
        statusError.value = null;
      },
    },
  };
}

// Pure rules of the ticket pages: filters as a query string, which status changes a ticket offers,
// upload checks before sending, and reading the server's ticket replies.
import type { AgentTicketSummary, AgentTicketView, TicketStatus } from "../../server/protocol/index.js";
import { isRecord, type Issue } from "./http-port.js";
import type { SelfServiceSettings } from "./selfservice-config.js";

/** The inbox filters; `""` means any. */
export interface TicketFilters {
  status: TicketStatus | "";
  category: string;
  language: string;
}

/** No filter: every ticket. */
export const ALL_TICKETS: TicketFilters = { status: "", category: "", language: "" };

/** The `GET /api/agent/tickets` path for the filters (only those set). */
export function ticketsPath(filters: TicketFilters): string {
  const query = new URLSearchParams();
  if (filters.status !== "") query.set("status", filters.status);
  if (filters.category !== "") query.set("category", filters.category);
  if (filters.language !== "") query.set("language", filters.language);
  const text = query.toString();
  return text === "" ? "/api/agent/tickets" : `/api/agent/tickets?${text}`;
}

/** A status change an agent can make, with its button text. */
export interface StatusChange {
  status: TicketStatus;
  label: "Mark as pending" | "Mark as solved" | "Reopen";
}

/** The status changes a ticket offers: open → pending or solved; pending → solved or open; solved → open. */
export function statusChanges(status: TicketStatus): StatusChange[] {
  const pending: StatusChange = { status: "pending", label: "Mark as pending" };
  const solved: StatusChange = { status: "solved", label: "Mark as solved" };
  const reopen: StatusChange = { status: "open", label: "Reopen" };
  if (status === "open") return [pending, solved];
  if (status === "pending") return [solved, reopen];
  return [reopen];
}

/** Problems with files about to be uploaded, against the server's limits (empty when fine). */
export function fileIssues(files: readonly File[], settings: SelfServiceSettings, path = "files"): Issue[] {
  const issues: Issue[] = [];
  if (files.length > settings.maxFiles) {
    issues.push({ path, message: `Attach at most ${settings.maxFiles} ${settings.maxFiles === 1 ? "file" : "files"}.` });
  }
  for (const file of files) {
    if (file.size > settings.maxFileBytes) {
      issues.push({ path, message: `${file.name} is larger than ${formatBytes(settings.maxFileBytes)}.` });
    }
  }
  return issues;
}

/** A size for people: "820 KB", "10 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The tickets of a `{ tickets }` reply, most recently updated first; `null` when the reply is not one. */
export function ticketsFrom(data: unknown): AgentTicketSummary[] | null {
  if (!isRecord(data) || !Array.isArray(data.tickets)) return null;
  const tickets = data.tickets.filter((t): t is AgentTicketSummary => isRecord(t) && typeof t.id === "string");
  return tickets.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** An `AgentTicketView` reply, or `null` when the reply is not one. */
export function ticketFrom(data: unknown): AgentTicketView | null {
  if (!isRecord(data) || typeof data.id !== "string" || !Array.isArray(data.messages)) return null;
  return data as unknown as AgentTicketView;
}

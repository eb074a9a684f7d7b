// The console's sections and the hash routes that select them (#/chats, #/tickets/<id>, …). Pure.
import type { AgentRole } from "../../server/protocol/index.js";

/** A section of the console. */
export type SectionId = "chats" | "board" | "tickets" | "feedback" | "search" | "canned" | "reports" | "coverage" | "agents" | "languages" | "widget" | "officials";

/** Sections that are one page with no further part in the hash. */
type PlainSection = Exclude<SectionId, "tickets" | "search">;

/** Where the agent is. */
export type Route =
  | { section: PlainSection }
  | { section: "tickets"; ticketId: string | null }
  /** A conversation opened read-only from the search results (null: the results). */
  | { section: "search"; conversationId: string | null };

/** A navigation entry. */
export interface SectionLink {
  id: SectionId;
  label: string;
  href: string;
}

const EVERYONE: readonly AgentRole[] = ["agent", "supervisor", "admin"];
const SUPERVISORS: readonly AgentRole[] = ["supervisor", "admin"];
const ADMINS: readonly AgentRole[] = ["admin"];

/** Every section, in navigation order, with the roles that may use it. */
const SECTIONS: readonly (SectionLink & { roles: readonly AgentRole[] })[] = [
  { id: "chats", label: "Chats", href: "#/chats", roles: EVERYONE },
  { id: "tickets", label: "Tickets", href: "#/tickets", roles: EVERYONE },
  { id: "search", label: "Search", href: "#/search", roles: EVERYONE },
  { id: "feedback", label: "Feedback", href: "#/feedback", roles: EVERYONE },
  { id: "canned", label: "Canned responses", href: "#/canned", roles: EVERYONE },
  { id: "board", label: "Board", href: "#/board", roles: SUPERVISORS },
  { id: "reports", label: "Reports", href: "#/reports", roles: SUPERVISORS },
  { id: "coverage", label: "Coverage", href: "#/coverage", roles: SUPERVISORS },
  { id: "agents", label: "Agents", href: "#/agents", roles: ADMINS },
  { id: "languages", label: "Languages and texts", href: "#/languages", roles: ADMINS },
  { id: "widget", label: "Widget", href: "#/widget", roles: ADMINS },
  { id: "officials", label: "Official accounts", href: "#/officials", roles: ADMINS },
];

/** Whether `role` may use `section` (the server checks again on every request). */
export function mayUse(role: AgentRole | undefined, section: SectionId): boolean {
  return role !== undefined && (SECTIONS.find((s) => s.id === section)?.roles.includes(role) ?? false);
}

/** Whether a role may manage the official-account registry. */
export function canManageOfficials(role: AgentRole | undefined): boolean {
  return mayUse(role, "officials");
}

/** The sections a role sees in the navigation. */
export function sectionsFor(role: AgentRole | undefined): readonly SectionLink[] {
  return SECTIONS.filter((s) => (role === undefined ? s.roles === EVERYONE : s.roles.includes(role))).map(({ roles: _roles, ...link }) => link);
}

const decoded = (part: string | undefined): string | null => {
  try {
    return part === undefined ? null : decodeURIComponent(part);
  } catch {
    return null;
  }
};

/** The route of a location hash; anything unknown is the chats workspace. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((part) => part !== "");
  const [section, id] = parts;
  if (section === "tickets") return { section, ticketId: decoded(id) };
  if (section === "search") return { section, conversationId: decoded(id) };
  const plain = SECTIONS.find((s) => s.id === section && s.id !== "tickets");
  return plain ? { section: plain.id as PlainSection } : { section: "chats" };
}

/** The hash that leads to a ticket. */
export function ticketHref(ticketId: string): string {
  return `#/tickets/${encodeURIComponent(ticketId)}`;
}

/** The hash that opens a past conversation read-only. */
export function conversationHref(conversationId: string): string {
  return `#/search/${encodeURIComponent(conversationId)}`;
}

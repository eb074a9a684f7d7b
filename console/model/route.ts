// The console's sections and the hash routes that select them (#/chats, #/tickets/<id>, …). Pure.
import type { AgentRole } from "../../server/protocol/index.js";

/** A section of the console. */
export type SectionId = "chats" | "tickets" | "feedback" | "officials";

/** Where the agent is. */
export type Route =
  | { section: "chats" }
  | { section: "tickets"; ticketId: string | null }
  | { section: "feedback" }
  | { section: "officials" };

/** A navigation entry. */
export interface SectionLink {
  id: SectionId;
  label: string;
  href: string;
}

const LINKS: readonly SectionLink[] = [
  { id: "chats", label: "Chats", href: "#/chats" },
  { id: "tickets", label: "Tickets", href: "#/tickets" },
  { id: "feedback", label: "Feedback", href: "#/feedback" },
  { id: "officials", label: "Official accounts", href: "#/officials" },
];

/** Whether a role may manage the official-account registry. */
export function canManageOfficials(role: AgentRole | undefined): boolean {
  return role === "admin";
}

/** The sections a role sees in the navigation (official accounts for admins only). */
export function sectionsFor(role: AgentRole | undefined): readonly SectionLink[] {
  return canManageOfficials(role) ? LINKS : LINKS.filter((link) => link.id !== "officials");
}

/** The route of a location hash; anything unknown is the chats workspace. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((part) => part !== "");
  const [section, id] = parts;
  if (section === "tickets") {
    let ticketId: string | null = null;
    try {
      ticketId = id === undefined ? null : decodeURIComponent(id);
    } catch {
      ticketId = null;
    }
    return { section, ticketId };
  }
  if (section === "feedback" || section === "officials") return { section };
  return { section: "chats" };
}

/** The hash that leads to a ticket. */
export function ticketHref(ticketId: string): string {
  return `#/tickets/${encodeURIComponent(ticketId)}`;
}

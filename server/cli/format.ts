// How the `parley` command shows agents: never with their password hash.
import type { AgentRecord } from "../store/port.js";

/** An agent without its password hash. */
export type PublicAgent = Omit<AgentRecord, "passwordHash">;

/** Drops the password hash. */
export function publicAgent({ passwordHash: _hash, ...agent }: AgentRecord): PublicAgent {
  return agent;
}

/** A plain text table: email, name, languages, max chats, role. */
export function agentTable(agents: AgentRecord[]): string {
  const rows = [
    ["EMAIL", "NAME", "LANGUAGES", "MAX CHATS", "ROLE", "SHIFTS"],
    ...agents.map((a) => [a.email, a.name, a.languages.join(","), String(a.maxChats), a.disabled ? `${a.role} (disabled)` : a.role, a.shifts?.length ? `${a.shifts.join("; ")} (${a.timeZone ?? "UTC"})` : "always"]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) => row.map((cell, column) => cell + " ".repeat(widths[column]! - [...cell].length)).join("  ").trimEnd()).join("\n");
}

// Who may read a conversation (its messages, notes and files). Pure: one rule for the socket and the HTTP side.
import type { AgentRole } from "../protocol/views.js";

/** Someone asking: a customer by their visitor id, or an agent with their role. */
export type Reader = { kind: "visitor"; visitorId: string } | { kind: "agent"; agentId: string; role: AgentRole | undefined };

/** Supervisors and admins read every conversation (they watch, take over and reassign). */
export const supervisesRole = (role: AgentRole | undefined) => role === "supervisor" || role === "admin";

/** Its customer, the agent it is (or was last) assigned to, and supervisors. */
export function mayRead(c: { visitorId: string; assigneeId: string | null }, reader: Reader): boolean {
  if (reader.kind === "visitor") return c.visitorId === reader.visitorId;
  return c.assigneeId === reader.agentId || supervisesRole(reader.role);
}

/** Only its customer, and the agent holding it, write in a conversation (a supervisor takes it over first). */
export function mayWrite(c: { visitorId: string; assigneeId: string | null }, writer: Reader): boolean {
  return writer.kind === "visitor" ? c.visitorId === writer.visitorId : c.assigneeId === writer.agentId;
}

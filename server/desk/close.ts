// Ending a conversation, from either side.
import type { ConversationRecord } from "../store/port.js";
import type { DeskCore } from "./core.js";

/** Closes a conversation (either side), frees the agent's slot and serves the backlog. Must run inside `serial`. */
export async function closeConversation(core: DeskCore, c: ConversationRecord, by: "visitor" | "agent"): Promise<ConversationRecord> {
  const closed: ConversationRecord = { ...c, status: "closed", closedAt: core.now(), closedBy: by };
  // Measured handle times drive the estimates of the language.
  if (c.status === "assigned" && c.assignedAt !== null) core.handleTimes.record(c.language, (closed.closedAt! - c.assignedAt) / 1000);
  // Leaving the queue unserved is what the estimate's abandonment rate measures.
  if (c.status === "queued") core.abandonRates.record(c.language, (closed.closedAt! - c.queuedAt) / 1000, true);
  await core.save(closed);
  core.queues.remove(c.id);
  if (c.assigneeId) core.agents.get(c.assigneeId)?.assigned.delete(c.id);
  await core.systemLine(closed, `sys_close_${c.id}`, by === "visitor" ? "The customer ended the chat" : "The agent ended the chat", { kind: "ended", by });
  core.notify.visitor(c.visitorId, "conversation:updated", await core.viewForVisitor(closed));
  if (c.assigneeId) core.notify.agent(c.assigneeId, "conversation:updated", await core.viewForAgent(closed));
  core.logger.info({ conversationId: c.id, by }, "conversation closed");
  await core.drain();
  await core.announceQueues([c.language]);
  return closed;
}

// Ending a conversation, from either side (or the system: an abandoned queue place).
import type { ConversationRecord } from "../store/port.js";
import type { DeskCore } from "./core.js";
import type { Effects } from "./effects.js";

const ENDED_TEXT = { visitor: "The customer ended the chat", agent: "The agent ended the chat", system: "The chat was ended" } as const;

/** Closes a conversation, frees the agent's slot and serves the backlog. Must run inside `serial`. */
export async function closeConversation(core: DeskCore, fx: Effects, c: ConversationRecord, by: "visitor" | "agent" | "system"): Promise<ConversationRecord> {
  const closedAt = core.now();
  const closed = await core.commit(c, { ...c, status: "closed", closedAt, closedBy: by });
  // Measured handle times drive the estimates of the language.
  if (c.status === "assigned" && c.assignedAt !== null) core.handleTimes.record(c.language, (closedAt - c.assignedAt) / 1000, closedAt);
  // Leaving the queue unserved is what the estimate's abandonment rate measures.
  if (c.status === "queued") core.leftQueue(c, { waitedS: (closedAt - c.queuedAt) / 1000, answered: false });
  core.queues.remove(c.id);
  if (c.assigneeId) core.agents.get(c.assigneeId)?.assigned.delete(c.id);
  await core.systemLine(fx, closed, `sys_close_${c.id}`, ENDED_TEXT[by], { kind: "ended", by });
  fx.push({ type: "conversation.visitor", visitorId: c.visitorId, view: await core.viewForVisitor(closed) });
  if (c.assigneeId) fx.push({ type: "conversation.agent", agentId: c.assigneeId, view: await core.viewForAgent(closed) });
  core.logger.info({ conversationId: c.id, by }, "conversation closed");
  await core.drain(fx);
  await core.announceQueues(fx, [c.language]);
  return closed;
}

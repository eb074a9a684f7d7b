// What the desk decided, as data. Desk operations return their ack together with these effects instead of reaching
// into sockets; realtime/ acks the sender first, then delivers the effects. This union is the message format of the
// system: plain JSON, addressed by visitor or agent id (never by socket), so another node can deliver it unchanged.
import type { AgentId, ConversationId, VisitorId } from "../protocol/ids.js";
import type { UnassignReason } from "../protocol/events.js";
import type { Ack } from "../protocol/ack.js";
import type { AgentConversationView, AgentSelfView, BoardView, ConversationView, MessageView, NoteView } from "../protocol/views.js";

/** Who a conversation concerns right now: its visitor, and its agent while assigned. */
export interface Parties {
  visitorId: VisitorId;
  agentId: AgentId | null;
  /** Supervisors following it silently. */
  watchers?: AgentId[];
}

export type DeskEffect =
  /** A message was stored: its visitor and (when assigned) its agent receive it. */
  | { type: "message.created"; to: Parties; message: MessageView }
  /** A message another node stored and delivered (cluster): to the supervisors following its conversation. */
  | { type: "message.watched"; agentIds: AgentId[]; message: MessageView }
  /** What the visitor sees of their conversation changed (status, agent, or queue standing). */
  | { type: "conversation.visitor"; visitorId: VisitorId; view: ConversationView }
  /** A conversation was assigned to an agent. */
  | { type: "conversation.assigned"; agentId: AgentId; view: AgentConversationView }
  /** What an agent sees of one of their conversations changed (closed, rated…). */
  | { type: "conversation.agent"; agentId: AgentId; view: AgentConversationView }
  /** A conversation left an agent. */
  | { type: "conversation.unassigned"; agentId: AgentId; conversationId: ConversationId; reason: UnassignReason }
  /** Someone started or stopped typing; delivered to the other side only. */
  | { type: "typing.changed"; to: { visitorId: VisitorId } | { agentId: AgentId }; conversationId: ConversationId; typing: boolean }
  /** An agent's own state changed (status, or settings changed with `parley agent …`). */
  | { type: "agent.updated"; agentId: AgentId; view: AgentSelfView }
  /** Every socket of the agent must go (account removed, password changed). */
  | { type: "agent.disconnect"; agentId: AgentId }
  /** An internal note: to agents and supervisors only (the assignee and watchers); never to a visitor. */
  | { type: "note.created"; agentIds: AgentId[]; note: NoteView }
  /** The customer's read marker moved: to the agent holding the conversation and its watchers. */
  | { type: "conversation.seen"; agentIds: AgentId[]; conversationId: ConversationId; seq: number }
  /** The supervisors' board changed: to the supervisors watching it. */
  | { type: "board.updated"; agentIds: AgentId[]; board: BoardView };

export type DeskEffectType = DeskEffect["type"];

/** A desk operation's result: the ack for the caller and what everyone else must be told. */
export interface Outcome<T> {
  ack: Ack<T>;
  effects: DeskEffect[];
}

/** Delivers effects that have no caller to return to (timers: grace periods, the queue tick, agent sync). */
export type Publish = (effects: DeskEffect[]) => void;

/** An operation's effect list while it runs; handed down to whatever helper decides something. */
export type Effects = DeskEffect[];

export const outcome = <T>(ack: Ack<T>, effects: Effects = []): Outcome<T> => ({ ack, effects });

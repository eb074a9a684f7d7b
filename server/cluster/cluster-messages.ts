// Chat messages stored by the node that received them (cluster). One Lua script (MESSAGE_SEND) checks that the writer
// may write in the conversation as it is stored at that instant, allocates the seq, stores the message once by its id
// and tells the desk's node; this node then acks and delivers it through the Socket.IO adapter. So a message costs one
// Redis round trip before its ack and never waits for the desk's node: queues, assignment and presence stay there.
// Anything unusual (files attached, text the rules refuse) goes to the desk as before, which answers it as on one node.
import { checkText, normaliseText } from "../domain/message.js";
import type { DeskEffect, Outcome } from "../desk/effects.js";
import { fail, ok } from "../desk/result.js";
import type { AgentId, ConversationId, VisitorId } from "../protocol/ids.js";
import type { MessageSendPayload } from "../protocol/schemas.js";
import type { MessageView } from "../protocol/views.js";
import { scriptRunner } from "../store/redis-client.js";
import { MESSAGE_SEND } from "../store/redis-scripts.js";
import { RedisUnavailableError, toMessage } from "../store/redis.js";
import type { Cluster } from "./cluster.js";

/** Who writes: a customer, or an agent. */
export type Writer = { kind: "visitor"; visitorId: VisitorId } | { kind: "agent"; agentId: AgentId };
type Reply = ["not_found"] | ["closed"] | ["duplicate", number, string, string] | ["stored", number, string, VisitorId, string];

export interface ClusterMessagesDeps {
  cluster: Pick<Cluster, "client" | "keys">;
  /** The longest text a message may have (the settings' current value). */
  maxLength: () => number;
  now: () => number;
  /** Counts a stored message (GET /metrics of this node). */
  stored?: (author: string) => void;
  /** When this node runs the desk: tells it of a message in process (no notice through Redis); else null. */
  deskHere?: () => ((message: MessageView) => DeskEffect[]) | null;
}

export function createClusterMessages(deps: ClusterMessagesDeps) {
  const { client, keys } = deps.cluster;
  const run = scriptRunner(client);

  async function append(writer: Writer, conversationId: ConversationId, id: string, json: string): Promise<Outcome<MessageView>> {
    const who = writer.kind === "visitor" ? writer.visitorId : writer.agentId;
    const desk = deps.deskHere?.() ?? null;
    let reply: Reply;
    try {
      const args = [conversationId, writer.kind, who, id, json, desk ? "" : "1"];
      reply = (await run(MESSAGE_SEND, [keys.conversations, keys.messages(conversationId), keys.messageIds(conversationId), keys.agents, keys.stored], args)) as Reply;
    } catch (err) {
      throw new RedisUnavailableError(err instanceof Error ? err.message : String(err), { cause: err });
    }
    switch (reply[0]) {
      case "not_found":
        return { ack: fail("not_found", "No such conversation"), effects: [] };
      case "closed":
        return { ack: fail("conversation_closed", "This conversation has ended"), effects: [] };
      case "duplicate": {
        // A retry is answered with the original; once the chat closed, an agent's only with their own (as the desk does).
        const message = toMessage(conversationId, reply[1], reply[2]);
        if (reply[3] === "closed" && writer.kind === "agent" && message.author !== "agent") return { ack: fail("conversation_closed", "This conversation has ended"), effects: [] };
        return { ack: ok(message), effects: [] };
      }
      case "stored": {
        const message = toMessage(conversationId, reply[1], reply[2]);
        deps.stored?.(message.author);
        // Supervisors following the chat hear of it from the desk's node (it keeps who follows what).
        const effect: DeskEffect = { type: "message.created", to: { visitorId: reply[3], agentId: reply[4] || null }, message };
        return { ack: ok(message), effects: [effect, ...(desk?.(message) ?? [])] };
      }
    }
  }

  /**
   * `message:send` from a customer or an agent (an agent's message carries the stored agent's name), stored here; null
   * when the desk must answer it (files attached, text the rules refuse).
   */
  return function send(writer: Writer, p: MessageSendPayload): Promise<Outcome<MessageView>> | null {
    if (p.attachments && p.attachments.length > 0) return null;
    const text = normaliseText(p.text);
    if (checkText(text, deps.maxLength())) return null;
    return append(writer, p.conversationId, p.id, JSON.stringify({ id: p.id, author: writer.kind, text, at: deps.now() }));
  };
}

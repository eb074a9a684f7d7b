// Loads a conversation's transcript, and catches up after a gap or a reconnect. At most one
// `conversation:history` per conversation is in flight; a request made meanwhile runs once it returns.
import type { ConversationId } from "../../server/protocol/index.js";
import { applyHistory, isBehind } from "./chat-entry.js";
import type { ModelContext } from "./context.js";
import type { RequestError } from "./ports.js";

/** Errors that mean the conversation is no longer the agent's. */
const GONE: ReadonlySet<RequestError> = new Set<RequestError>(["not_found", "not_assigned", "forbidden"]);

/** The result of asking for history: applied, gone (no longer this agent's), or failed for now. */
export type HistoryOutcome = "applied" | "gone" | "failed";

/** History loading for the console. */
export interface HistoryActions {
  /** Asks for every message after what the console holds (all of them the first time). */
  sync(id: ConversationId): Promise<HistoryOutcome>;
  /** Syncs only when the transcript is loaded and known to miss messages. */
  catchUp(id: ConversationId): void;
  /** Forgets in-flight bookkeeping (sign-out). */
  reset(): void;
}

/** Creates the history actions; `onApplied` runs after each applied reply (e.g. to mark the chat read). */
export function createHistoryActions(ctx: ModelContext, onApplied: (id: ConversationId) => void): HistoryActions {
  const { state, transport } = ctx;
  const inFlight = new Map<ConversationId, Promise<HistoryOutcome>>();
  const again = new Set<ConversationId>();

  async function request(id: ConversationId): Promise<HistoryOutcome> {
    const entry = state.chats.value.get(id);
    const afterSeq = entry?.syncedSeq ?? 0;
    const reply = await transport.request("conversation:history", { conversationId: id, afterSeq });
    if (!reply.ok) return GONE.has(reply.error) ? "gone" : "failed";
    // The agent may have dismissed it, or signed out, while the request was out.
    const current = state.chats.value.get(id);
    if (!current) return "failed";
    state.chats.value = new Map(state.chats.value).set(id, applyHistory(current, afterSeq, reply.data));
    onApplied(id);
    return "applied";
  }

  function sync(id: ConversationId): Promise<HistoryOutcome> {
    const running = inFlight.get(id);
    if (running) {
      again.add(id);
      return running;
    }
    const run = request(id).then((outcome) => {
      inFlight.delete(id);
      const askedAgain = again.delete(id);
      // Messages that arrived meanwhile may lie beyond the reply; a failed request asked for again is repeated.
      if (outcome === "applied") catchUp(id);
      else if (outcome === "failed" && askedAgain) void sync(id);
      return outcome;
    });
    inFlight.set(id, run);
    return run;
  }

  function catchUp(id: ConversationId): void {
    const entry = state.chats.value.get(id);
    if (entry && isBehind(entry)) void sync(id);
  }

  return {
    sync,
    catchUp,
    reset() {
      again.clear();
      inFlight.clear();
    },
  };
}

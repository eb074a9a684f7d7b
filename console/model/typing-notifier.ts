// Tells the server when the agent is typing in a conversation: "typing" on the first keystroke and again
// every `refreshMs` while keys keep coming, "stopped" after `idleMs` without one, or at once on send.
import type { ConversationId } from "../../server/protocol/index.js";
import type { Timers } from "./ports.js";

/** What the typing notifier needs. */
export interface TypingNotifierDeps {
  send(conversationId: ConversationId, typing: boolean): void;
  timers: Timers;
  now(): number;
  idleMs?: number;
  refreshMs?: number;
}

/** The agent's typing state per conversation. */
export interface TypingNotifier {
  /** The agent typed in the reply box. */
  input(conversationId: ConversationId): void;
  /** The agent sent, cleared the box or left the conversation. */
  stop(conversationId: ConversationId): void;
  /** Forgets every conversation without telling the server (sign-out, lost connection). */
  reset(): void;
}

/** Creates a typing notifier. */
export function createTypingNotifier(deps: TypingNotifierDeps): TypingNotifier {
  const idleMs = deps.idleMs ?? 4000;
  const refreshMs = deps.refreshMs ?? 3000;
  const active = new Map<ConversationId, { sentAt: number; timer: unknown }>();

  function stop(conversationId: ConversationId): void {
    const state = active.get(conversationId);
    if (!state) return;
    deps.timers.clearTimeout(state.timer);
    active.delete(conversationId);
    deps.send(conversationId, false);
  }

  return {
    input(conversationId) {
      const state = active.get(conversationId);
      const now = deps.now();
      if (state) deps.timers.clearTimeout(state.timer);
      const due = !state || now - state.sentAt >= refreshMs;
      if (due) deps.send(conversationId, true);
      const timer = deps.timers.setTimeout(() => stop(conversationId), idleMs);
      active.set(conversationId, { sentAt: due ? now : (state?.sentAt ?? now), timer });
    },
    stop,
    reset() {
      for (const state of active.values()) deps.timers.clearTimeout(state.timer);
      active.clear();
    },
  };
}

// Server → visitor events folded into the store: new messages (deduplicated by seq, holes trigger a
// resume), conversation updates, and the agent's typing indicator.
import type { MessageView } from "../../server/protocol/index.js";
import type { ChatStore } from "./chat-store.js";
import type { Resumer } from "./resumer.js";
import type { Transport } from "./transport.js";

/** How long an agent's "typing" stays on without a refresh. */
export const AGENT_TYPING_TTL_MS = 8_000;

/** What {@link wireServerEvents} needs. */
export interface ServerEventDeps {
  transport: Transport;
  store: ChatStore;
  resumer: Resumer;
  publish(added?: readonly MessageView[]): void;
}

/** Subscribes to the visitor namespace's server events; returns a function that clears pending timers. */
export function wireServerEvents({ transport, store, resumer, publish }: ServerEventDeps): () => void {
  let typingExpiry: ReturnType<typeof setTimeout> | undefined;

  transport.on("message:created", (m) => {
    const current = store.current();
    // A message of a conversation we do not know yet (started elsewhere): the resume tells which one is open.
    if (!current || current.status === "closed" || m.conversationId !== current.id) return resumer.run(false);
    const { added, gap } = store.apply([m]);
    if (gap) resumer.run(false);
    publish(added);
  });
  transport.on("conversation:updated", (c) => {
    if (store.adopt(c)) resumer.run(false);
    publish();
  });
  transport.on("typing:changed", (t) => {
    if (t.conversationId !== store.current()?.id) return;
    clearTimeout(typingExpiry);
    store.setAgentTyping(t.typing);
    // A lost "stopped typing" (the agent went away) must not leave the indicator on forever.
    if (t.typing) typingExpiry = setTimeout(() => (store.setAgentTyping(false), publish()), AGENT_TYPING_TTL_MS);
    publish();
  });
  return () => clearTimeout(typingExpiry);
}

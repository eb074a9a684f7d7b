// Resynchronisation: `conversation:resume {afterSeq: lastSeq}` after every (re)connect and whenever a hole
// shows up, so the transcript never depends on Connection State Recovery (I4). After the resume that
// follows a connect, the outbox may flow.
import { backoffDelay, type BackoffOptions } from "./backoff.js";
import type { ChatStore } from "./chat-store.js";
import { isRetryable } from "./outbox.js";
import type { Transport } from "./transport.js";
import type { MessageView } from "../../server/protocol/index.js";

/** What {@link createResumer} needs. */
export interface ResumerDeps {
  store: ChatStore;
  transport: Transport;
  backoff: BackoffOptions;
  publish(added: readonly MessageView[]): void;
  /** Called once the first resume after a connect has succeeded. */
  ready(): void;
}

/** Runs resumes one at a time, coalescing requests that come in meanwhile. */
export interface Resumer {
  /** Resumes now (or right after the one in flight). `afterConnect` makes it call `ready()` on success. */
  run(afterConnect: boolean): void;
  /** The connection is gone: forget scheduled retries. */
  cancel(): void;
}

type Outcome = "done" | "again" | "retry" | "offline";

/** Creates a resumer. */
export function createResumer(deps: ResumerDeps): Resumer {
  const { store } = deps;
  let running = false;
  let again = false;
  let afterConnect = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function once(): Promise<Outcome> {
    const open = store.open();
    const t = store.transcript();
    const afterSeq = open && t.conversationId === open.id ? t.lastSeq : 0;
    // Naming the conversation we know brings it back even if it closed while we were away, with what we missed.
    const r = await deps.transport.request("conversation:resume", open ? { afterSeq, conversationId: open.id } : { afterSeq });
    if (!r.ok) return r.error.code === "offline" ? "offline" : isRetryable(r.error.code) ? "retry" : "done";
    const { conversation, messages, more } = r.data;
    if (!conversation) {
      store.markClosed();
      deps.publish([]);
      return "done";
    }
    store.adopt(conversation);
    // Our open conversation was replaced: the messages are of another one, counted from our old seq.
    if (open && conversation.id !== open.id && afterSeq > 0) return "again";
    deps.publish(store.apply(messages).added);
    // A long transcript comes a page at a time.
    return more ? "again" : "done";
  }

  async function loop(): Promise<void> {
    running = true;
    try {
      let outcome: Outcome = "again";
      for (let i = 0; i < 50 && (outcome === "again" || again); i++) {
        again = false;
        outcome = await once();
        if (outcome === "offline") return;
        if (outcome === "retry") {
          timer = setTimeout(() => ((timer = null), run(false)), backoffDelay(attempt++, deps.backoff));
          return;
        }
      }
      attempt = 0;
      if (afterConnect) {
        afterConnect = false;
        deps.ready();
      }
    } finally {
      running = false;
    }
  }

  function run(connect: boolean): void {
    if (connect) {
      afterConnect = true;
      attempt = 0;
      if (timer) clearTimeout(timer);
      timer = null;
    }
    if (running) again = true;
    else if (!timer) void loop();
  }

  return {
    run,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      afterConnect = false;
    },
  };
}

// What the panel says about queues: the `GET /api/queues` feed and the advice before the chat (chosen language)
// and during the wait (the pushed standing). The queues are wanted while the pre-chat screen is visible (at most
// every 30 s, and on a language change), and once while a waiting chat needs its alternatives.
import { computed, effect, type ReadonlySignal } from "@preact/signals";
import type { QueuesView } from "../../../server/protocol/index.js";
import type { ChatState } from "../../client/types.js";
import { adviseQueue, queueInfo, type QueueAdvice } from "./queue-advice.js";
import { createQueuesFeed, QUEUES_MIN_INTERVAL_MS } from "./queues.js";

/** What {@link createQueueState} follows. */
export interface QueueStateDeps {
  chat: ReadonlySignal<ChatState>;
  language: ReadonlySignal<string>;
  /** The pre-chat screen is on show (the panel is open on it). */
  prechatVisible: ReadonlySignal<boolean>;
  loadQueues(): Promise<QueuesView | null>;
  now?: (() => number) | undefined;
}

/** Creates the queue signals and starts fetching as they are needed. */
export function createQueueState(deps: QueueStateDeps) {
  const { chat, language } = deps;
  const feed = createQueuesFeed(deps.loadQueues, deps.now);
  /** Before the chat: what to say about the chosen language's queue (null until the queues are known). */
  const queueBefore = computed<QueueAdvice | null>(() => {
    const info = queueInfo(feed.queues.value, language.value);
    return info ? adviseQueue(language.value, info, feed.queues.value) : null;
  });
  /** During the wait: what to say about the chat's queue (from the pushed standing). */
  const queueDuring = computed<QueueAdvice | null>(() => {
    const c = chat.value.conversation;
    return c?.status === "queued" && c.queue ? adviseQueue(c.language, c.queue, feed.queues.value) : null;
  });

  effect(() => {
    const prechat = deps.prechatVisible.value;
    const alternatives = !!queueDuring.value && queueDuring.value.state !== "open";
    if (!prechat && !alternatives) return;
    void language.value;
    feed.refresh();
    if (!prechat) return;
    const timer = setInterval(feed.refresh, QUEUES_MIN_INTERVAL_MS);
    return () => clearInterval(timer);
  });

  return { queues: feed.queues, queueBefore, queueDuring };
}

// A record of what each party received and had acked, and a checker over it: every message of the other side arrives
// once, in seq order, with the stored content.
import { expect } from "vitest";
import type { Socket } from "socket.io-client";
import type { MessageView } from "../../server/protocol/views.js";
import { backoffDelay } from "../../widget/client/backoff.js";

/** The widget's outbox backoff, started small: a desk move takes a fraction of a second to a few seconds. */
const RETRY_BACKOFF = { baseMs: 200, maxMs: 2000 };

/**
 * Repeats a request while it is answered with one of `retryable` (or not at all), waiting between tries as the widget's
 * outbox does (`backoffDelay`): on a busy machine the desk may be moving between nodes. Other answers are returned as
 * they are. Rejects when `stopped()` turns true (the party went away) or after 90 s.
 */
export async function retried<T extends { ok: boolean; error?: string }>(
  request: () => Promise<T | null>,
  retryable: ReadonlySet<string> = new Set(["storage_unavailable"]),
  stopped: () => boolean = () => false,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (let attempt = 0; ; attempt++) {
    if (stopped()) throw new Error("stopped");
    const reply = await request().catch(() => null);
    if (reply && (reply.ok || !retryable.has(reply.error ?? ""))) return reply;
    if (Date.now() > deadline) throw new Error(`still unavailable after 90 s: ${JSON.stringify(reply)}`);
    await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RETRY_BACKOFF)));
  }
}

export function recordMessages() {
  const got = new Map<string, MessageView[]>();
  const acks = new Map<string, MessageView[]>();
  const push = (map: Map<string, MessageView[]>, who: string, m: MessageView) => map.set(who, [...(map.get(who) ?? []), m]);
  return {
    watch: (who: string, socket: Socket) => socket.on("message:created", (m: MessageView) => push(got, who, m)),
    acked: (who: string, m: MessageView) => push(acks, who, m),
    received: (who: string, conversationId: string) => (got.get(who) ?? []).filter((m) => m.conversationId === conversationId),
    ackedBy: (who: string, conversationId: string) => (acks.get(who) ?? []).filter((m) => m.conversationId === conversationId),
  };
}

/** `who` received exactly the stored messages that `expected` selects: each once, in seq order, as stored. */
export function checkDelivery(history: ReturnType<typeof recordMessages>, who: string, conversationId: string, stored: MessageView[], expected: (m: MessageView) => boolean) {
  const received = history.received(who, conversationId);
  const seqs = received.map((m) => m.seq);
  expect(seqs, `${who} received seqs in order, none twice`).toEqual([...seqs].sort((a, b) => a - b).filter((s, i, all) => all.indexOf(s) === i));
  expect(received).toEqual(stored.filter(expected));
  // Whatever was acked to the sender is stored.
  for (const m of history.ackedBy(who, conversationId)) expect(stored).toContainEqual(m);
}

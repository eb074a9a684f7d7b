// A record of what each party received and had acked, and a checker over it: every message of the other side arrives
// once, in seq order, with the stored content.
import { expect, vi } from "vitest";
import type { Socket } from "socket.io-client";
import type { MessageView } from "../../server/protocol/views.js";
import { msgId, type VisitorSocket } from "../helpers/clients.js";

const STOPPED = Symbol("stopped");

/**
 * Repeats a request while it is answered with one of `retryable` (or not at all), every 200 ms through vi.waitFor:
 * on a busy machine the desk may be moving between nodes. Other answers are returned as they are. Rejects when
 * `stopped()` turns true (the party went away) or after 90 s.
 */
export async function retried<T extends { ok: boolean; error?: string }>(
  request: () => Promise<T | null>,
  retryable: ReadonlySet<string> = new Set(["storage_unavailable"]),
  stopped: () => boolean = () => false,
): Promise<T> {
  const outcome = await vi.waitFor(async () => {
    if (stopped()) return STOPPED;
    const reply = await request().catch(() => null);
    if (reply && (reply.ok || !retryable.has(reply.error ?? ""))) return reply;
    throw new Error(`still unavailable after 90 s: ${JSON.stringify(reply)}`);
  }, { timeout: 90_000, interval: 200 });
  if (outcome === STOPPED) throw new Error("stopped");
  return outcome;
}

/** A customer starts a chat in English as "Mia", retried (with the same message id) while the desk moves; the answer. */
export async function startChat(socket: VisitorSocket, text = "Hello") {
  const message = { id: msgId(), text };
  const reply = await retried(() => socket.timeout(30_000).emitWithAck("conversation:start", { language: "en", name: "Mia", message }));
  if (!reply.ok) throw new Error(`start failed: ${reply.error}`);
  return reply.data;
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

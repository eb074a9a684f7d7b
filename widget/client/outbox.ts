// The outbox: messages typed but not yet acknowledged, persisted on every change so that they survive a
// page reload (F7) and go out once the client is back online, in typing order.
import { readJson, STORAGE_KEYS, writeJson, type StoragePort } from "./storage.js";
import type { AttachmentView } from "../../server/protocol/index.js";
import type { ClientError, ClientErrorCode, PendingMessage, StartDetails } from "./types.js";

/** Errors worth retrying with the same message id; every other error is final for that message. */
const RETRYABLE: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>([
  "rate_limited",
  "storage_unavailable",
  "internal",
  "unauthorized",
  "timeout",
  "offline",
]);

/** Whether a failed delivery should be retried (with backoff) rather than shown as failed. */
export function isRetryable(code: ClientErrorCode): boolean {
  return RETRYABLE.has(code);
}

/** The persisted list of pending messages. */
export interface Outbox {
  /** Every pending message, in typing order. */
  list(): readonly PendingMessage[];
  /** Queues a message with a fresh id. */
  add(text: string, start?: StartDetails | null, attachments?: AttachmentView[]): PendingMessage;
  /** The oldest message waiting to be sent, if any. */
  next(): PendingMessage | undefined;
  /** Drops a message (it was stored, or the visitor discarded it). Returns whether it was there. */
  remove(id: string): boolean;
  /** Marks a message as refused for good; it stays visible until retried or removed. */
  fail(id: string, error: ClientError): void;
  /** Queues a failed message again, behind everything already queued, with the same id. */
  retry(id: string): boolean;
  /** Drops the failed messages (when a new chat starts). */
  clearFailed(): void;
}

function isPending(x: unknown): x is PendingMessage {
  if (!x || typeof x !== "object") return false;
  const m = x as Partial<PendingMessage>;
  return typeof m.id === "string" && typeof m.text === "string" && (m.status === "sending" || m.status === "failed");
}

/** Loads the outbox from `storage` and keeps it there. */
export function createOutbox(storage: StoragePort, newId: () => string, now: () => number = Date.now): Outbox {
  const stored = readJson(storage, STORAGE_KEYS.outbox);
  let items: PendingMessage[] = Array.isArray(stored) ? stored.filter(isPending) : [];
  const save = (next: PendingMessage[]) => {
    items = next;
    if (items.length) writeJson(storage, STORAGE_KEYS.outbox, items);
    else storage.remove(STORAGE_KEYS.outbox);
  };
  return {
    list: () => items,
    add(text, start = null, attachments) {
      const item: PendingMessage = { id: newId(), text, at: now(), status: "sending", error: null, start, ...(attachments?.length ? { attachments } : {}) };
      save([...items, item]);
      return item;
    },
    next: () => items.find((m) => m.status === "sending"),
    remove(id) {
      const had = items.some((m) => m.id === id);
      if (had) save(items.filter((m) => m.id !== id));
      return had;
    },
    fail(id, error) {
      save(items.map((m) => (m.id === id ? { ...m, status: "failed", error } : m)));
    },
    retry(id) {
      const item = items.find((m) => m.id === id && m.status === "failed");
      if (!item) return false;
      save([...items.filter((m) => m.id !== id), { ...item, status: "sending", error: null }]);
      return true;
    },
    clearFailed() {
      save(items.filter((m) => m.status !== "failed"));
    },
  };
}

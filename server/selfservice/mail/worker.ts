// The durable email queue: an email is stored as pending before anyone tries to send it, then a worker sends
// what is due, one at a time, and retries failures with exponential backoff until it is sent or given up.
import type { Logger } from "pino";
import type { OutgoingEmailKind, OutgoingEmailRecord, Store } from "../../store/port.js";
import { randomId } from "../ids.js";
import type { EmailContent } from "./messages.js";
import type { MailTransport } from "./transport.js";

/** Waits before the 2nd, 3rd, … attempt; the last one repeats (30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then 6 h). */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000];
/** Attempts before an email is marked failed (about two days with the delays above). */
export const MAX_ATTEMPTS = 12;
// setTimeout cannot wait longer than this.
const MAX_TIMER_MS = 2_147_483_647;

export interface MailWorkerDeps {
  store: Store;
  transport: MailTransport;
  /** The email's content, rendered when it is sent (null: its ticket is gone, give up). */
  render(email: OutgoingEmailRecord): Promise<EmailContent | null>;
  logger: Logger;
  now?: () => number;
  retryDelaysMs?: number[];
  maxAttempts?: number;
  /** Whether this process sends now (several nodes: only one does, so each email is sent once). Default: always. */
  active?: () => boolean;
}

export interface MailWorker {
  /** Stores a pending email and wakes the worker; resolves once it is stored. */
  enqueue(kind: OutgoingEmailKind, ticketId: string, to: string, messageId?: string | null): Promise<OutgoingEmailRecord>;
  /** Sends whatever is due now and keeps a timer for the next one. */
  start(): void;
  /** Stops the timer and waits for a send in progress. */
  stop(): Promise<void>;
}

export function createMailWorker(deps: MailWorkerDeps): MailWorker {
  const { store, transport, render, logger } = deps;
  const now = deps.now ?? Date.now;
  const delays = deps.retryDelaysMs ?? RETRY_DELAYS_MS;
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const attempt = async (email: OutgoingEmailRecord) => {
    const content = await render(email);
    const attempts = email.attempts + 1;
    if (!content) {
      await store.mailQueue.put({ ...email, attempts, status: "failed", lastError: "its ticket no longer exists" });
      return;
    }
    try {
      await transport.send({ id: email.id, to: email.to, ...content });
      await store.mailQueue.put({ ...email, attempts, status: "sent", sentAt: now(), lastError: null });
    } catch (error) {
      const reason = String((error as Error)?.message ?? error).slice(0, 300);
      const failed = attempts >= maxAttempts;
      const wait = delays[Math.min(attempts - 1, delays.length - 1)] ?? 60_000;
      await store.mailQueue.put({ ...email, attempts, status: failed ? "failed" : "pending", nextAttemptAt: now() + wait, lastError: reason });
      logger[failed ? "error" : "warn"]({ emailId: email.id, attempts, reason }, failed ? "email given up" : "email failed; will retry");
    }
  };

  const drain = async () => {
    for (;;) {
      if (deps.active && !deps.active()) return;
      const due = await store.mailQueue.due(now(), 20);
      if (due.length === 0 || stopped) return;
      for (const email of due) {
        if (stopped) return;
        await attempt(email);
      }
    }
  };

  const arm = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const at = await store.mailQueue.nextDueAt();
    if (at === null || stopped) return;
    timer = setTimeout(kick, Math.min(MAX_TIMER_MS, Math.max(0, at - now())));
    timer.unref?.();
  };

  // One drain at a time; a kick during a drain runs another one after it.
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch((err: unknown) => logger.error({ err }, "email queue failed"));
      } while (again && !stopped);
      await arm().catch((err: unknown) => logger.error({ err }, "email queue failed"));
    })().finally(() => {
      running = null;
      // A kick that came after the last drain but before the timer was set must not be lost.
      if (again) kick();
    });
  }

  return {
    enqueue: async (kind, ticketId, to, messageId = null) => {
      const at = now();
      const email: OutgoingEmailRecord = {
        id: randomId("e"),
        kind,
        ticketId,
        messageId,
        to,
        status: "pending",
        attempts: 0,
        nextAttemptAt: at,
        lastError: null,
        createdAt: at,
        sentAt: null,
      };
      await store.mailQueue.put(email);
      kick();
      return email;
    },
    start: () => {
      stopped = false;
      kick();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}

// The durable email queue: an email is stored as pending before anyone tries to send it, then a worker sends
// what is due, one at a time, and retries failures with exponential backoff until it is sent or given up.
import type { Logger } from "pino";
import type { OutgoingEmailKind, OutgoingEmailRecord, Store } from "../../store/port.js";
import { randomId } from "../ids.js";
import type { EmailContent } from "./messages.js";
import type { MailTransport } from "./transport.js";

/** Waits before the 2nd, 3rd, … attempt; the last one repeats (30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then 6 h). */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000];
/** Attempts before an email is marked failed (11 waits with the delays above: about 34 hours). */
export const MAX_ATTEMPTS = 12;
// setTimeout cannot wait longer than this.
const MAX_TIMER_MS = 2_147_483_647;

export interface MailWorkerDeps {
  store: Store;
  transport: MailTransport;
  /** The email's content, rendered when it is sent (null: its ticket or conversation is gone, give up). */
  render(email: OutgoingEmailRecord): Promise<EmailContent | null>;
  logger: Logger;
  now?: () => number;
  retryDelaysMs?: number[];
  maxAttempts?: number;
  /** Whether this process sends now (several nodes: only one does, so each email is sent once). Default: always. */
  active?: () => boolean;
  /** Several nodes: the claim that keeps an email from being sent twice while the queue moves between nodes. */
  once?: MailOnce;
  /** How soon an email another node is sending right now is looked at again (default 1 s). */
  busyRetryMs?: number;
}

/**
 * Sending each email once across several processes (server/cluster/mail-once.ts). One process needs none of it: its
 * worker sends one email at a time.
 */
export interface MailOnce {
  /** Before sending: "claimed" (send it), "busy" (another process is sending it now), "sent" (it was sent already). */
  claim(id: string): Promise<"claimed" | "busy" | "sent">;
  /** After the SMTP server accepted it: the "sent" marker and the sent queue record, in one step. */
  markSent(email: OutgoingEmailRecord): Promise<void>;
  /** After a failed send: gives the claim up so that the retry can claim it again. */
  release(id: string): Promise<void>;
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
  const once: MailOnce = deps.once ?? { claim: async () => "claimed", markSent: (email) => store.mailQueue.put(email), release: async () => undefined };
  const busyRetryMs = deps.busyRetryMs ?? 1000;
  /** Sent, but the store did not take the record yet (Redis away): recorded before anything else, never sent again. */
  const unmarked = new Map<string, OutgoingEmailRecord>();

  /** Records a failed attempt: tried again after the backoff, given up after `maxAttempts`; the claim is let go. */
  const failed = async (email: OutgoingEmailRecord, attempts: number, error: unknown) => {
    const reason = String((error as Error)?.message ?? error).slice(0, 300);
    const givenUp = attempts >= maxAttempts;
    const wait = delays[Math.min(attempts - 1, delays.length - 1)] ?? 60_000;
    await store.mailQueue.put({ ...email, attempts, status: givenUp ? "failed" : "pending", nextAttemptAt: now() + wait, lastError: reason });
    await once.release(email.id);
    logger[givenUp ? "error" : "warn"]({ emailId: email.id, attempts, reason }, givenUp ? "email given up" : "email failed; will retry");
  };

  /** Sends one email unless another process is sending it ("busy") or sent it. */
  const attempt = async (listed: OutgoingEmailRecord): Promise<"done" | "busy"> => {
    const claim = await once.claim(listed.id);
    if (claim === "busy") return "busy";
    if (claim === "sent") {
      // A stale copy of an email whose sender recorded it: nothing to send.
      if (listed.status !== "sent") await store.mailQueue.put({ ...listed, status: "sent", sentAt: listed.sentAt ?? now(), lastError: null });
      return "done";
    }
    // The claim is ours: the record as stored now, not as listed. Another process may have tried it in between (a desk
    // handed over mid-batch) and recorded a failure with its next attempt later: then it is not due, and its attempts
    // count on from theirs.
    const email = await store.mailQueue.get(listed.id);
    if (!email || email.status !== "pending" || email.nextAttemptAt > now()) {
      await once.release(listed.id);
      return "done";
    }
    const attempts = email.attempts + 1;
    let content: Awaited<ReturnType<typeof render>>;
    try {
      content = await render(email);
    } catch (error) {
      // Its ticket or transcript could not be read (a corrupt file, a store away): a failed attempt like any other,
      // with the same backoff, so one bad email neither spins the worker nor holds up the others.
      await failed(email, attempts, error);
      return "done";
    }
    if (!content) {
      await store.mailQueue.put({ ...email, attempts, status: "failed", lastError: "its ticket (or conversation) no longer exists" });
      await once.release(email.id);
      return "done";
    }
    try {
      await transport.send({ id: email.id, to: email.to, ...content });
    } catch (error) {
      await failed(email, attempts, error);
      return "done";
    }
    const sent: OutgoingEmailRecord = { ...email, attempts, status: "sent", sentAt: now(), lastError: null };
    unmarked.set(email.id, sent);
    await once.markSent(sent);
    unmarked.delete(email.id);
    return "done";
  };

  /** Sends what is due; true when some of it was left to another process that is sending it right now. */
  const drain = async (): Promise<boolean> => {
    for (const [id, sent] of unmarked) {
      await once.markSent(sent);
      unmarked.delete(id);
    }
    const busy = new Set<string>();
    for (;;) {
      if (deps.active && !deps.active()) return busy.size > 0;
      const due = (await store.mailQueue.due(now(), 20 + busy.size)).filter((e) => !busy.has(e.id));
      if (due.length === 0 || stopped) return busy.size > 0;
      for (const email of due) {
        if (stopped || (deps.active && !deps.active())) return busy.size > 0;
        if ((await attempt(email)) === "busy") busy.add(email.id);
      }
    }
  };

  const arm = async (busy: boolean) => {
    if (timer) clearTimeout(timer);
    timer = null;
    const at = busy || unmarked.size > 0 ? now() + busyRetryMs : await store.mailQueue.nextDueAt();
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
      let busy = false;
      do {
        again = false;
        busy = await drain().catch((err: unknown) => (logger.error({ err }, "email queue failed"), false));
      } while (again && !stopped);
      await arm(busy).catch((err: unknown) => logger.error({ err }, "email queue failed"));
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

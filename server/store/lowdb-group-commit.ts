// Group commit: every append that arrives while the journal is writing waits for the next write, and that one
// write and one fsync cover them all. Numbering happens when a write is formed, so a failed write leaves no gap.
import type { ConversationId, Seq } from "../protocol/ids.js";
import { encodeLine, type Journal } from "./journal.js";
import type { ConversationCache, ConversationState } from "./lowdb-message-cache.js";
import type { MessageDraft, MessageRecord } from "./port.js";
import { realTimerClock, type TimerClock } from "./timer-clock.js";

/** One write of the journal holds at most about this much; the rest waits for the next. */
const MAX_WRITE_BYTES = 1024 * 1024;

/**
 * How flushes are spaced when messages come fast. A flush (a synchronised write) costs about 0.15 ms of CPU however little it
 * carries, and a new one starts as soon as the last ends, so at thousands of messages a second flushes were a few
 * messages each and used a good part of a core. Above `busyPerSecond` appends a second (measured over `windowMs`), a
 * flush starts at least `intervalMs` × (appends a second ÷ `busyPerSecond`) after the previous one started, at most
 * `maxIntervalMs`: by default 2 ms at 2,000 a second (500 flushes a second, 4 messages each), 4 ms at 4,000 (250, 16
 * each), 5 ms from 5,000 (200, 25 each) — the fewer flushes, the less CPU they take from the messages, for at most
 * 5 ms more before an ack. Below it — a quiet desk, 1,000 chats at a message a second each — every flush starts as
 * soon as the journal is free, as before.
 */
export interface FlushPacing {
  busyPerSecond: number;
  intervalMs: number;
  /** The spacing never grows beyond this, however fast appends come. */
  maxIntervalMs: number;
  windowMs: number;
}
export const DEFAULT_PACING: FlushPacing = { busyPerSecond: 2000, intervalMs: 2, maxIntervalMs: 5, windowMs: 100 };

/** How long after the previous flush started the next may start, at `perSecond` appends a second (0: at once). */
export const flushSpacing = (pacing: FlushPacing, perSecond: number): number =>
  perSecond < pacing.busyPerSecond ? 0 : Math.min(pacing.maxIntervalMs, (pacing.intervalMs * perSecond) / pacing.busyPerSecond);

/** What `append` answers. */
export type Appended = { message: MessageRecord; duplicate: boolean };

/**
 * The stored form of a draft: every field the caller gave (a system line's `notice` too), and its seq. A new object
 * sharing nothing with the draft — also the store's copy of a stored message for a caller (cheaper than structuredClone,
 * which was two of the per-message costs).
 */
export function messageRecord(conversationId: ConversationId, seq: Seq, draft: MessageDraft): MessageRecord {
  const message: MessageRecord = { id: draft.id, conversationId, seq, author: draft.author, text: draft.text, at: draft.at };
  if (draft.authorName !== undefined) message.authorName = draft.authorName;
  if (draft.notice !== undefined) message.notice = { ...draft.notice };
  if (draft.attachments !== undefined) message.attachments = draft.attachments.map((a) => ({ ...a }));
  return message;
}

/** A copy of a stored message for a caller, so nothing the caller does changes what the store holds. */
export const copyMessage = (message: MessageRecord): MessageRecord => messageRecord(message.conversationId, message.seq, message);

interface Waiting {
  state: ConversationState;
  /** The caller's draft as stored, numbered when its write is formed. */
  record: MessageRecord;
  resolve(result: Appended): void;
  reject(error: unknown): void;
}

/** The journal's writer. `serially` runs other journal operations (rotation, close) in order with the writes. */
export interface GroupCommit {
  /** Resolves once the message is on disk (or was already stored: `duplicate`); `state` must be held for it. */
  append(state: ConversationState, draft: MessageDraft): Promise<Appended>;
  serially<R>(fn: () => Promise<R>): Promise<R>;
  /** Writes what waits now (a paced write does not wait for its turn) and resolves once every write so far is done. */
  drain(): Promise<void>;
}

export function createGroupCommit(
  journal: Journal,
  cache: ConversationCache,
  written: () => void,
  { pacing = DEFAULT_PACING, clock = realTimerClock }: { pacing?: FlushPacing; clock?: TimerClock } = {},
): GroupCommit {
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };

  const waiting: Waiting[] = [];
  let queued = false;
  // Appends a second over the last whole window, and the window being counted.
  let perSecond = 0;
  let windowStart = clock.now();
  let windowCount = 0;
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  const counted = () => {
    windowCount++;
    const elapsed = clock.now() - windowStart;
    if (elapsed < pacing.windowMs) return;
    perSecond = (windowCount * 1000) / elapsed;
    windowStart += elapsed;
    windowCount = 0;
  };
  /** Cancels the paced commit waiting for its turn (null: none waits). */
  let paced: (() => void) | null = null;
  const queue = () => {
    if (queued) return;
    queued = true;
    const spacing = flushSpacing(pacing, perSecond);
    const wait = spacing > 0 ? lastFlushAt + spacing - clock.now() : 0;
    if (wait <= 0) return void serially(commit);
    paced = clock.after(wait, () => {
      paced = null;
      void serially(commit);
    }, { keepAlive: true }); // an append waits on this flush
  };
  const done = (item: Waiting, outcome: Appended | { error: unknown }) => {
    item.state.waiting--;
    if ("error" in outcome) item.reject(outcome.error);
    else item.resolve({ message: copyMessage(outcome.message), duplicate: outcome.duplicate });
  };

  // Numbers everything waiting, writes it once, fsyncs once, and only then lets it exist (state, acks): a failed
  // write leaves no trace to dedupe against, and the client's retry is stored once.
  async function commit(): Promise<void> {
    queued = false;
    const batch: { item: Waiting; outcome: Appended }[] = [];
    const plans = new Map<ConversationState, { lastSeq: Seq; added: Map<string, MessageRecord> }>();
    const lines: string[] = [];
    let bytes = 0;
    let taken = 0;
    while (taken < waiting.length && bytes < MAX_WRITE_BYTES) {
      const item = waiting[taken++]!;
      const known = item.state.ids.get(item.record.id);
      if (known !== undefined) {
        // Stored by an earlier write: answered from what is stored, outside this write.
        cache.stored(item.state, known).then((message) => done(item, { message, duplicate: true }), (error: unknown) => done(item, { error }));
        continue;
      }
      let plan = plans.get(item.state);
      if (!plan) plans.set(item.state, (plan = { lastSeq: item.state.lastSeq, added: new Map() }));
      const earlier = plan.added.get(item.record.id);
      if (earlier) {
        batch.push({ item, outcome: { message: earlier, duplicate: true } });
        continue;
      }
      const message = item.record;
      message.seq = ++plan.lastSeq;
      plan.added.set(message.id, message);
      const line = encodeLine(message);
      lines.push(line);
      bytes += Buffer.byteLength(line, "utf8");
      batch.push({ item, outcome: { message, duplicate: false } });
    }
    // One splice for the whole batch (shift() per item moved the rest of a long queue each time).
    waiting.splice(0, taken);
    if (waiting.length > 0) queue();
    if (lines.length === 0) return void batch.forEach(({ item, outcome }) => done(item, outcome));
    lastFlushAt = clock.now();
    try {
      await journal.write(Buffer.from(lines.join(""), "utf8"));
    } catch (error) {
      for (const { item } of batch) done(item, { error });
      return;
    }
    for (const [state, plan] of plans) {
      for (const message of plan.added.values()) state.recent.push(message), state.ids.set(message.id, message.seq);
      state.lastSeq = plan.lastSeq;
    }
    for (const { item, outcome } of batch) done(item, outcome);
    written();
  }

  return {
    append: (state, draft) =>
      new Promise<Appended>((resolve, reject) => {
        waiting.push({ state, record: messageRecord(state.id, 0, draft), resolve, reject });
        counted();
        queue();
      }),
    serially,
    drain: async () => {
      if (paced) {
        paced();
        paced = null;
        void serially(commit);
      }
      await serially(async () => {});
    },
  };
}

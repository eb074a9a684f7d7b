// Group commit: every append that arrives while the journal is writing waits for the next write, and that one
// write and one fsync cover them all. Numbering happens when a write is formed, so a failed write leaves no gap.
import type { ConversationId, Seq } from "../protocol/ids.js";
import { encodeRecord, type Journal } from "./journal.js";
import type { ConversationCache, ConversationState } from "./lowdb-message-cache.js";
import type { MessageDraft, MessageRecord } from "./port.js";

/** One write of the journal holds at most about this much; the rest waits for the next. */
const MAX_WRITE_BYTES = 1024 * 1024;

const copy = <T>(value: T): T => structuredClone(value);

/** What `append` answers. */
export type Appended = { message: MessageRecord; duplicate: boolean };

/** The stored form of a draft: every field the caller gave (a system line's `notice` too), and its seq. */
export function messageRecord(conversationId: ConversationId, seq: Seq, draft: MessageDraft): MessageRecord {
  const message: MessageRecord = { id: draft.id, conversationId, seq, author: draft.author, text: draft.text, at: draft.at };
  if (draft.authorName !== undefined) message.authorName = draft.authorName;
  if (draft.notice !== undefined) message.notice = copy(draft.notice);
  if (draft.attachments !== undefined) message.attachments = copy(draft.attachments);
  return message;
}

interface Waiting {
  state: ConversationState;
  draft: MessageDraft;
  resolve(result: Appended): void;
  reject(error: unknown): void;
}

/** The journal's writer. `serially` runs other journal operations (rotation, close) in order with the writes. */
export interface GroupCommit {
  /** Resolves once the message is on disk (or was already stored: `duplicate`); `state` must be held for it. */
  append(state: ConversationState, draft: MessageDraft): Promise<Appended>;
  serially<R>(fn: () => Promise<R>): Promise<R>;
}

export function createGroupCommit(journal: Journal, cache: ConversationCache, written: () => void): GroupCommit {
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };

  const waiting: Waiting[] = [];
  let queued = false;
  const queue = () => {
    if (queued) return;
    queued = true;
    void serially(commit);
  };
  const done = (item: Waiting, outcome: Appended | { error: unknown }) => {
    item.state.waiting--;
    if ("error" in outcome) item.reject(outcome.error);
    else item.resolve({ message: copy(outcome.message), duplicate: outcome.duplicate });
  };

  // Numbers everything waiting, writes it once, fsyncs once, and only then lets it exist (state, acks): a failed
  // write leaves no trace to dedupe against, and the client's retry is stored once.
  async function commit(): Promise<void> {
    queued = false;
    const batch: { item: Waiting; outcome: Appended }[] = [];
    const plans = new Map<ConversationState, { lastSeq: Seq; added: Map<string, MessageRecord> }>();
    const lines: Buffer[] = [];
    let bytes = 0;
    while (waiting.length > 0 && bytes < MAX_WRITE_BYTES) {
      const item = waiting.shift()!;
      const known = item.state.ids.get(item.draft.id);
      if (known !== undefined) {
        // Stored by an earlier write: answered from what is stored, outside this write.
        cache.stored(item.state, known).then((message) => done(item, { message, duplicate: true }), (error: unknown) => done(item, { error }));
        continue;
      }
      let plan = plans.get(item.state);
      if (!plan) plans.set(item.state, (plan = { lastSeq: item.state.lastSeq, added: new Map() }));
      const earlier = plan.added.get(item.draft.id);
      if (earlier) {
        batch.push({ item, outcome: { message: earlier, duplicate: true } });
        continue;
      }
      const message = messageRecord(item.state.id, ++plan.lastSeq, item.draft);
      plan.added.set(message.id, message);
      const line = encodeRecord(message);
      lines.push(line);
      bytes += line.length;
      batch.push({ item, outcome: { message, duplicate: false } });
    }
    if (waiting.length > 0) queue();
    if (lines.length === 0) return void batch.forEach(({ item, outcome }) => done(item, outcome));
    try {
      await journal.write(Buffer.concat(lines));
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
        waiting.push({ state, draft: copy(draft), resolve, reject });
        queue();
      }),
    serially,
  };
}

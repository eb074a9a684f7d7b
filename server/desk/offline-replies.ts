// Answers for a customer who has left: when an agent writes while the customer has no socket open, the desk waits
// OFFLINE_REPLY_EMAIL_SECONDS and then hands the answers written since the last email (or since what the customer read)
// to the mail queue as one email — if the customer gave an email and has not come back meanwhile. What was emailed is
// remembered in the conversation (`emailedSeq`, a compare-and-set write like every other), so no answer goes twice,
// whichever store and however many nodes. Internal notes are not messages and never reach this path.
import type { ConversationId, Seq, VisitorId } from "../protocol/ids.js";
import type { DeskCore } from "./core.js";

/** One email's worth of answers: the agent messages with `fromSeq < seq <= toSeq`. */
export interface OfflineReply {
  conversationId: ConversationId;
  visitorId: VisitorId;
  to: string;
  fromSeq: Seq;
  toSeq: Seq;
}

/** Queues the email (the mail queue stores it before it is sent). */
export type QueueOfflineReply = (reply: OfflineReply) => Promise<void>;

export function createOfflineReplies(core: DeskCore, isAway: (visitorId: VisitorId) => boolean, queue: QueueOfflineReply | undefined) {
  const { config, store, logger } = core;
  /** One pending timer per conversation: answers written while it runs go into the same email. */
  const pending = new Map<ConversationId, () => void>();
  const enabled = () => queue !== undefined && config.offlineReplyEmailMs > 0;

  const check = (conversationId: ConversationId) =>
    core.background("offline reply email", async () => {
      const c = core.open.get(conversationId) ?? (await store.conversations.get(conversationId));
      if (!c || !c.visitorEmail || !isAway(c.visitorId)) return;
      const fromSeq = Math.max(c.emailedSeq ?? 0, c.visitorReadSeq ?? 0);
      const answers = (await store.messages.list(c.id, fromSeq)).filter((m) => m.author === "agent");
      if (answers.length === 0) return;
      const toSeq = answers.at(-1)!.seq;
      // Remembered before the email is queued: a crash between the two loses one email rather than sending it twice.
      if (core.open.get(c.id) === c) await core.commit(c, { ...c, emailedSeq: toSeq });
      else if (!(await store.conversations.update({ ...c, emailedSeq: toSeq }, c.epoch)).ok) return;
      await queue!({ conversationId: c.id, visitorId: c.visitorId, to: c.visitorEmail, fromSeq, toSeq });
      logger.info({ conversationId: c.id, fromSeq, toSeq }, "answers emailed to a customer who left");
    });

  const arm = (conversationId: ConversationId) => {
    if (!enabled() || pending.has(conversationId)) return;
    pending.set(conversationId, core.schedule(config.offlineReplyEmailMs, () => {
      pending.delete(conversationId);
      void check(conversationId);
    }));
  };

  return {
    /** An agent answered: if the customer is away, an email follows unless they come back or read it in time. */
    answered(conversationId: ConversationId, visitorId: VisitorId) {
      if (isAway(visitorId)) arm(conversationId);
    },
    /** The customer's last socket went: answers they have not read are emailed if they stay away. */
    left(visitorId: VisitorId) {
      const open = core.openOf(visitorId);
      if (open?.status === "assigned") arm(open.id);
    },
    stop() {
      for (const cancel of pending.values()) cancel();
      pending.clear();
    },
  };
}

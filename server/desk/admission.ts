// Chat starts join their queues in batches: every start that arrives while the serial path is busy waits for one turn
// of it, in which all of them are decided in arrival order and their writes go to the store at once (one group commit
// of the conversation journal on lowdb, one round trip on Redis) — instead of one turn, and one wait on disk, each.
// Likewise the drain that follows: starts that ask for it while one is waiting share that one.
import { randomBytes } from "node:crypto";
import { generatedVisitorName } from "../domain/message.js";
import type { LanguageCode, VisitorId } from "../protocol/ids.js";
import type { ConversationStartPayload } from "../protocol/schemas.js";
import type { ConversationRecord, VisitorRecord } from "../store/port.js";
import type { DeskCore } from "./core.js";
import type { Effects } from "./effects.js";

/** Conversations a visitor's record remembers for `conversation:list`. */
const REMEMBERED_CONVERSATIONS = 50;

interface Request {
  visitorId: VisitorId;
  language: LanguageCode;
  payload: ConversationStartPayload;
  resolve(c: ConversationRecord | null): void;
  reject(error: unknown): void;
}

interface Planned {
  requests: Request[];
  created: ConversationRecord;
  visitor: VisitorRecord | null;
}

export function createAdmission(core: DeskCore) {
  const { store, config, serial } = core;
  let pending: Request[] = [];

  /** Decides every pending start in arrival order, stores them at once, then queues those stored. Runs in `serial`. */
  async function turn(batch: Request[]): Promise<void> {
    const planned = new Map<VisitorId, Planned>();
    const joining = new Map<LanguageCode, number>();
    for (const request of batch) {
      const { visitorId, language, payload: p } = request;
      const existing = core.openOf(visitorId);
      if (existing) {
        request.resolve(existing);
        continue;
      }
      // A second start of the same visitor in this batch gets the same conversation.
      const same = planned.get(visitorId);
      if (same) {
        same.requests.push(request);
        continue;
      }
      // A line longer than anyone should join: offer a message by email instead of a place (the widget does).
      const line = core.queues.line(language).length + (joining.get(language) ?? 0);
      if (line >= config.queueMaxPerLanguage) {
        request.resolve(null);
        continue;
      }
      joining.set(language, (joining.get(language) ?? 0) + 1);
      const at = core.nextQueuedAt();
      // A verified customer is named as the site knows them; anyone else is Unverified, whatever name they typed.
      let visitor: VisitorRecord | null;
      try {
        visitor = await store.visitors.get(visitorId);
      } catch (error) {
        request.reject(error);
        continue;
      }
      const identity = visitor?.identity ?? null;
      const created: ConversationRecord = {
        id: `c_${randomBytes(12).toString("base64url")}`,
        visitorId,
        language,
        status: "queued",
        assigneeId: null,
        epoch: 0,
        visitorName: identity?.name || p.name || generatedVisitorName(visitorId),
        visitorEmail: identity?.email || p.email || null,
        pageUrl: p.pageUrl ?? null,
        createdAt: at,
        queuedAt: at,
        priority: 0,
        assignedAt: null,
        closedAt: null,
        closedBy: null,
        rating: null,
        agentReadSeq: 0,
        ...(identity ? { verified: true } : {}),
      };
      planned.set(visitorId, { requests: [request], created, visitor });
    }
    const plans = [...planned.values()];
    // Each conversation and its visitor's list of conversations are written at once, and all of them together; an id
    // listed for a conversation that failed to be stored is skipped by `list`.
    const remembered = plans.map(({ created, visitor }) =>
      // A compare-and-set on the record: on a cluster another node may be adding a device or an identity to it.
      visitor ? store.visitors.update(visitor.id, (current) => current && { ...current, conversationIds: [...(current.conversationIds ?? []), created.id].slice(-REMEMBERED_CONVERSATIONS) }) : Promise.resolve(),
    );
    for (const r of remembered) r.catch(() => {}); // awaited below, once the conversations are stored
    const stored = await Promise.allSettled(plans.map(({ created }) => core.create(created)));
    // Queued in arrival order, each with the estimate it was shown on joining (as if it had joined alone).
    plans.forEach(({ created }, i) => {
      if (stored[i]!.status !== "fulfilled") return;
      core.queues.enqueue(created);
      core.joined(created);
      core.logger.info({ conversationId: created.id, language: created.language }, "conversation queued");
    });
    const visitors = await Promise.allSettled(remembered);
    plans.forEach(({ requests, created }, i) => {
      const outcome = stored[i]!.status === "rejected" ? stored[i] : visitors[i];
      for (const request of requests) {
        if (outcome!.status === "rejected") request.reject((outcome as PromiseRejectedResult).reason);
        else request.resolve(created);
      }
    });
  }

  let draining: { fx: Effects; languages: Set<LanguageCode>; done: Promise<void> } | null = null;

  return {
    /** The visitor's open conversation, a new one queued for it, or null when the line is full. */
    admit(visitorId: VisitorId, language: LanguageCode, payload: ConversationStartPayload): Promise<ConversationRecord | null> {
      return new Promise((resolve, reject) => {
        pending.push({ visitorId, language, payload, resolve, reject });
        if (pending.length > 1) return;
        void serial.run(() => {
          const batch = pending;
          pending = [];
          // Settling a settled promise does nothing: this reaches only the starts the turn left undecided.
          return turn(batch).catch((error: unknown) => batch.forEach((request) => request.reject(error)));
        });
      });
    },

    /**
     * Assigns what can be assigned and tells waiting visitors in `language` where they stand, in one serial turn shared
     * by every start that asks before it runs; its effects go to `fx` of the start that asked first (they are
     * addressed to their people, whoever publishes them).
     */
    drain(fx: Effects, language: LanguageCode): Promise<void> {
      if (draining) {
        draining.languages.add(language);
        return draining.done;
      }
      const turn = { fx, languages: new Set([language]), done: null! as Promise<void> };
      turn.done = serial.run(async () => {
        draining = null;
        await core.drain(turn.fx);
        await core.announceQueues(turn.fx, turn.languages);
      });
      draining = turn;
      return turn.done;
    },
  };
}

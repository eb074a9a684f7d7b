// What to tell and offer a customer about a language queue, before and during the wait: nothing special,
// peak (say so; offer a message by email and the help links), or closed (never leave them in a queue nobody
// serves: offer the fallback language when it is open, and a message by email).
import type { HelpLink, LanguageCode, QueueInfoView, QueuesView } from "../../../server/protocol/index.js";

/** The fields a queue standing and a queue's info share. */
export interface QueueSituation {
  open: boolean;
  /** Closed although someone serves the language: their last shift may end before this turn (absent: false). */
  closing?: boolean;
  peak: boolean;
  fallback: LanguageCode | null;
  /** The line is at its maximum: no place is offered, only the ways out (info only; a standing is never full). */
  full?: boolean;
}

/** The advice: what to say and which ways out to offer. */
export interface QueueAdvice {
  state: "open" | "peak" | "closed" | "full";
  /** Closed because the language's last shift may end before this turn, not because nobody is there. */
  closing: boolean;
  /** The open queue to offer instead (closed only), with its info when known. */
  fallback: { language: LanguageCode; info: QueueInfoView | null } | null;
  /** Offer leaving a message answered by email. */
  offerMessage: boolean;
  /** Help links to show (peak and closed). */
  helpLinks: readonly HelpLink[];
}

/** The info of one language in a `GET /api/queues` answer. */
export function queueInfo(queues: QueuesView | null, language: LanguageCode): QueueInfoView | null {
  return queues?.languages.find((q) => q.language === language) ?? null;
}

/** Decides what to say about `language` given its standing or info, and the other queues (for the fallback). */
export function adviseQueue(language: LanguageCode, situation: QueueSituation, queues: QueuesView | null): QueueAdvice {
  const helpLinks = queueInfo(queues, language)?.helpLinks ?? [];
  if (!situation.open || situation.full) {
    const to = situation.fallback && situation.fallback !== language ? situation.fallback : null;
    const info = to ? queueInfo(queues, to) : null;
    // A fallback that is itself closed would only move the customer to another queue nobody serves.
    const fallback = to && (info === null || (info.open && !info.full)) ? { language: to, info } : null;
    return { state: situation.open ? "full" : "closed", closing: !situation.open && situation.closing === true, fallback, offerMessage: true, helpLinks };
  }
  if (situation.peak) return { state: "peak", closing: false, fallback: null, offerMessage: true, helpLinks };
  return { state: "open", closing: false, fallback: null, offerMessage: false, helpLinks: [] };
}

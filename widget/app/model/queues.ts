// `GET /api/queues`: what someone joining each language queue can expect. Fetched when the pre-chat screen
// shows, when the language changes and when a waiting chat needs its alternatives — never more often than
// every 30 s (the server caches it; the standing of a running chat is pushed, not polled).
import { signal, type ReadonlySignal } from "@preact/signals";
import type { QueueInfoView, QueuesView } from "../../../server/protocol/index.js";

/** The shortest time between two fetches. */
export const QUEUES_MIN_INTERVAL_MS = 30_000;

const isRange = (x: unknown): boolean => x === null || (Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === "number"));

function isQueueInfo(x: unknown): x is QueueInfoView {
  const q = x as Partial<QueueInfoView> | null;
  return (
    !!q &&
    typeof q.language === "string" &&
    (q.etaSeconds === null || typeof q.etaSeconds === "number") &&
    isRange(q.etaRange) &&
    typeof q.peak === "boolean" &&
    typeof q.open === "boolean" &&
    (q.fallback === null || typeof q.fallback === "string") &&
    Array.isArray(q.helpLinks)
  );
}

/** Keeps a well-formed answer (dropping malformed queues and help links), else null. */
export function parseQueues(body: unknown): QueuesView | null {
  const v = body as Partial<QueuesView> | null;
  if (!v || !Array.isArray(v.languages)) return null;
  const languages = v.languages.filter(isQueueInfo).map((q) => ({
    ...q,
    full: q.full === true,
    closing: q.closing === true,
    // A server from before the flag: trust its estimate as before.
    etaReliable: q.etaReliable !== false,
    helpLinks: q.helpLinks.filter((l) => !!l && typeof l.title === "string" && typeof l.url === "string" && /^https?:\/\//i.test(l.url)),
  }));
  return { languages, generatedAt: typeof v.generatedAt === "number" ? v.generatedAt : 0 };
}

/** Fetches the queues once; null when the server is unreachable or answers something else. */
export async function fetchQueues(baseUrl: string, fetchFn: typeof fetch): Promise<QueuesView | null> {
  try {
    const res = await fetchFn(`${baseUrl}/api/queues`, { headers: { Accept: "application/json" } });
    return res.ok ? parseQueues(await res.json()) : null;
  } catch {
    return null;
  }
}

/** The latest queues, refreshed on demand at most every {@link QUEUES_MIN_INTERVAL_MS}. */
export interface QueuesFeed {
  queues: ReadonlySignal<QueuesView | null>;
  /** Fetches unless a fetch is running or the last one started less than the minimum interval ago. */
  refresh(): void;
}

/** Creates the feed; nothing is fetched until `refresh()`. */
export function createQueuesFeed(load: () => Promise<QueuesView | null>, now: () => number = Date.now): QueuesFeed {
  const queues = signal<QueuesView | null>(null);
  let lastAt = -Infinity;
  let running = false;
  return {
    queues,
    refresh() {
      if (running || now() - lastAt < QUEUES_MIN_INTERVAL_MS) return;
      running = true;
      lastAt = now();
      void load()
        .then((q) => {
          if (q) queues.value = q;
          // A failed fetch may be retried at the next occasion rather than 30 s later.
          else lastAt = -Infinity;
        })
        .finally(() => (running = false));
    },
  };
}

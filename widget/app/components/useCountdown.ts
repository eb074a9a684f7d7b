// Seconds since the pushed standing was computed, ticking while there is one: the wait counts down between pushes
// instead of freezing. Each standing is a new object from the server, so the first time one is seen is when it
// arrived.
import { useEffect, useState } from "preact/hooks";
import type { QueueStanding } from "../../../server/protocol/index.js";
import { elapsedSince } from "../model/wait.js";

/** How often the count moves (the text changes at most once a minute; a few seconds keeps it close). */
export const COUNTDOWN_TICK_MS = 5_000;

const receivedAt = new WeakMap<QueueStanding, number>();

export function useCountdown(standing: QueueStanding | null, now: () => number = Date.now): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!standing) return;
    const timer = setInterval(() => setTick((n) => n + 1), COUNTDOWN_TICK_MS);
    return () => clearInterval(timer);
  }, [standing]);
  if (!standing) return 0;
  let at = receivedAt.get(standing);
  if (at === undefined) receivedAt.set(standing, (at = now()));
  return typeof standing.computedAt === "number" ? elapsedSince(standing.computedAt, at, now()) : (now() - at) / 1000;
}

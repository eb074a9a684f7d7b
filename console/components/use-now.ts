// The current time, refreshed every `everyMs` while the component is shown (for "waiting 3 min").
import { useEffect, useState } from "preact/hooks";

/** `Date.now()`, re-rendering the caller every `everyMs`. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(handle);
  }, [everyMs]);
  return now;
}

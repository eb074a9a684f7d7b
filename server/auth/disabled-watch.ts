// Finds disabled agents whenever the agents change (also by the `parley` command), so their sockets can be dropped.
import type { Store } from "../store/port.js";

/** Returns a check to call periodically: it calls `drop` with the disabled agents' ids when the agents changed. */
export function createDisabledWatch(store: Store, drop: (ids: ReadonlySet<string>) => void): () => Promise<void> {
  let seen: string | null = null;
  return async () => {
    const version = await store.agents.version();
    if (version === seen) return;
    seen = version;
    const disabled = new Set((await store.agents.list()).filter((a) => a.disabled).map((a) => a.id));
    if (disabled.size > 0) drop(disabled);
  };
}

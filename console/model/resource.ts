// Something a page loads with GET and shows: the data, whether a load is under way, and why the last one
// failed. Only the latest load counts: an older reply that arrives late is ignored.
import { signal, type ReadonlySignal } from "@preact/signals";
import { MALFORMED, serverError, type ServerError } from "./http-port.js";
import { createLatest } from "./poller.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** A loaded thing as components read it. */
export interface Resource<T> {
  /** The last good data; `null` until first loaded. A failed load keeps it. */
  data: ReadonlySignal<T | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
}

/** A resource and its controls. */
export interface ResourceControl<T> {
  resource: Resource<T>;
  /** Loads `path`; `parse` turns the reply into data, or `null` when it is not what the contract says. */
  load(path: string): Promise<void>;
  /** Shows an error without loading (and drops any load under way). */
  fail(error: ServerError): void;
  /** Back to nothing loaded. */
  reset(): void;
}

/** Creates a resource whose replies `parse` reads. */
export function createResource<T>(ctx: SelfServiceContext, parse: (data: unknown) => T | null): ResourceControl<T> {
  const data = signal<T | null>(null);
  const loading = signal(false);
  const error = signal<ServerError | null>(null);
  const latest = createLatest();

  return {
    resource: { data, loading, error },
    async load(path) {
      const token = latest.next();
      loading.value = true;
      const result = await ctx.call({ method: "GET", path });
      if (!latest.isLatest(token)) return;
      loading.value = false;
      const parsed = result.ok ? parse(result.data) : null;
      error.value = result.ok ? (parsed === null ? MALFORMED : null) : serverError(result);
      if (parsed !== null) data.value = parsed;
    },
    fail(next) {
      latest.next();
      loading.value = false;
      error.value = next;
    },
    reset() {
      latest.next();
      data.value = null;
      loading.value = false;
      error.value = null;
    },
  };
}

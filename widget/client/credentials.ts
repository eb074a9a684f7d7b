// Visitor credentials: kept in the client's storage (on the chat server's origin, never the host page's),
// issued by `POST /api/visitors`, discarded when the server calls them unauthorized.
import type { VisitorCredentials } from "../../server/protocol/index.js";
import { backoffDelay, sleep, type BackoffOptions } from "./backoff.js";
import { readJson, STORAGE_KEYS, writeJson, type StoragePort } from "./storage.js";

/** The stored credentials, or `null`. */
export function loadCredentials(storage: StoragePort): VisitorCredentials | null {
  const c = readJson(storage, STORAGE_KEYS.visitor) as Partial<VisitorCredentials> | null;
  return c && typeof c.visitorId === "string" && typeof c.token === "string" ? { visitorId: c.visitorId, token: c.token } : null;
}

/** Forgets the credentials (the server refused them). */
export function clearCredentials(storage: StoragePort): void {
  storage.remove(STORAGE_KEYS.visitor);
}

/** What {@link registerVisitor} needs. */
export interface RegisterDeps {
  baseUrl: string;
  storage: StoragePort;
  fetch: typeof fetch;
  backoff: BackoffOptions;
  signal: AbortSignal;
}

/**
 * Registers a new visitor and stores the credentials. Network errors, 429 and 5xx are retried with backoff
 * until they succeed or `signal` aborts (then `null`).
 */
export async function registerVisitor(deps: RegisterDeps): Promise<VisitorCredentials | null> {
  for (let attempt = 0; !deps.signal.aborted; attempt++) {
    try {
      const res = await deps.fetch(`${deps.baseUrl}/api/visitors`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
        signal: deps.signal,
      });
      if (res.status === 201 || res.status === 200) {
        const body = (await res.json()) as Partial<VisitorCredentials>;
        if (typeof body.visitorId === "string" && typeof body.token === "string") {
          const creds = { visitorId: body.visitorId, token: body.token };
          writeJson(deps.storage, STORAGE_KEYS.visitor, creds);
          return creds;
        }
      }
    } catch {
      // Offline or aborted: wait and try again (the loop ends on abort).
    }
    if (!(await sleep(backoffDelay(attempt, deps.backoff), deps.signal))) break;
  }
  return null;
}

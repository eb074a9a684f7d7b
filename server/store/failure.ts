// Storage failures, told apart from bugs: the one rule every transport answers them by.
/**
 * Whether an error is the store failing rather than a bug: a system error (ENOSPC, EIO, EROFS…), Redis or the desk's
 * node unreachable (EREDIS, EDESK), a lock that timed out or was lost (ELOCKTIMEOUT, ELOCKLOST). Clients get
 * `storage_unavailable` and retry; nothing was changed. Node's own ERR_… codes are programming errors, not storage.
 */
export function isStorageFailure(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

// The console's HTTP port for the self-service API: one request shape, one result shape, never a throw.
// The browser adapter is console/http.ts; tests inject a fake.

/** A problem with one field of a request, as the server reports it. */
export interface Issue {
  path: string;
  message: string;
}

/** A request to the server's own origin. */
export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path and query, e.g. `/api/agent/tickets?status=open`. */
  path: string;
  /** A JSON body. */
  json?: unknown;
  /** A multipart body (sent with `X-Parley-Request: 1`). */
  form?: FormData;
}

/** A failed request: the server's error code (or `network` when there was no reply), its message and issues. */
export interface HttpFailure {
  ok: false;
  status: number;
  error: string;
  message: string;
  issues: Issue[];
}

/** The outcome of a request. `data` is the parsed JSON body, unchecked: callers check its shape. */
export type HttpResult = { ok: true; status: number; data: unknown } | HttpFailure;

/** Sends requests to the server. */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResult>;
}

/** What a page shows when a request failed. */
export interface ServerError {
  message: string;
  issues: Issue[];
}

/** The error to show for a failed request. */
export function serverError(failure: HttpFailure): ServerError {
  if (failure.status === 0) return { message: "Could not reach the server. Check your connection and try again.", issues: [] };
  const message = failure.message.trim() !== "" ? failure.message : `The server answered with status ${failure.status}.`;
  return { message, issues: failure.issues };
}

/** A local error (no request was made). */
export function localError(message: string, issues: Issue[] = []): ServerError {
  return { message, issues };
}

/** Whether a value is a plain object (for checking reply shapes). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A reply that is not what the contract says. */
export const MALFORMED: ServerError = { message: "The server sent an answer the console does not understand.", issues: [] };

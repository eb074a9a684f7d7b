/** Every error a client can receive, in acks and in HTTP JSON bodies. A closed set. */
export const ERROR_CODES = [
  "invalid_payload", // the payload failed validation; `issues` says where
  "unknown_event", // no such event on this namespace (a typo, or the other namespace's event)
  "message_too_long", // text above the limit (refused, never cut)
  "empty_message", // text empty or whitespace only
  "unknown_language", // not one of the configured languages
  "not_found", // no such conversation for this caller (also: not yours — no existence oracle)
  "conversation_closed", // the conversation is closed
  "not_assigned", // the agent is not (or no longer) assigned to this conversation
  "agent_unavailable", // a transfer's target cannot take the chat now (offline, away, full, off shift, or not speaking its language)
  "not_queued", // the action needs a waiting conversation (e.g. moving one that an agent already has)
  "not_closed", // the action needs an ended conversation (e.g. rating one that is still open)
  "stale_epoch", // the conversation changed since the caller read it (another agent, tab or node acted first): reload, retry
  "unauthorized", // missing or invalid credentials
  "forbidden", // authenticated but not allowed
  "rate_limited", // too many requests; retry later
  "queue_full", // the language's line is at QUEUE_MAX_PER_LANGUAGE: leave a message by email instead
  "file_too_large", // an uploaded file is above ATTACHMENT_MAX_MB (HTTP 413)
  "unsupported_type", // an uploaded file is not a PNG, JPEG, GIF, WebP or PDF by its bytes, or is malformed (HTTP 415)
  "no_email", // the action needs the customer's email address and the conversation has none (or not a usable one)
  "quota_exceeded", // a lasting limit is reached (e.g. a ticket's attachment quota); retrying will not help
  "storage_unavailable", // the store could not persist; retry (the client keeps its outbox)
  "internal", // anything else; details are logged, never sent
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A validation problem: where (dotted path) and what. */
export interface Issue {
  path: string;
  message: string;
}

/** The failure half of every ack. */
export interface AckError {
  ok: false;
  error: ErrorCode;
  message: string;
  issues?: Issue[];
}

/** The reply to every client→server event that carries an ack callback: success with data, or an error. */
export type Ack<T> = { ok: true; data: T } | AckError;

/** The callback type of an acknowledged event. */
export type AckFn<T> = (reply: Ack<T>) => void;

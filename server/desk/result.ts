import type { Ack, AckError, ErrorCode, Issue } from "../protocol/ack.js";

/** A failed ack with a code from the closed set and a message safe to show a client. */
export function fail(error: ErrorCode, message: string, issues?: Issue[]): AckError {
  return issues ? { ok: false, error, message, issues } : { ok: false, error, message };
}

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Thrown inside the desk to abort an operation with a client-facing error. */
export class DeskError extends Error {
  constructor(readonly ack: AckError) {
    super(ack.message);
  }
}

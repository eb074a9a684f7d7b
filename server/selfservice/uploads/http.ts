// The HTTP side of uploads: receive a form or answer why not; refuse a received form without leaving files.
import type { Request, Response } from "express";
import type { ErrorCode, Issue } from "../../protocol/ack.js";
import { sendError } from "../../http/errors.js";
import type { QuotaClaim } from "./quota.js";
import { receiveForm, type ReceivedForm, type UploadRules } from "./receive.js";
import type { UploadDir } from "./upload-dir.js";

/** The form, or null once the request has been answered (refused) or the client went away. */
export async function receiveOrRefuse(req: Request, res: Response, uploads: UploadDir, rules: UploadRules): Promise<ReceivedForm | null> {
  const received = await receiveForm(req, uploads.tempDir, rules);
  if (received.ok) return received.form;
  if (received.failure.aborted) {
    res.destroy();
    return null;
  }
  // The rest of the body may still be on its way: answer now and close the connection rather than read it.
  res.set("Connection", "close");
  if (received.failure.retryAfterS !== undefined) res.set("Retry-After", String(received.failure.retryAfterS));
  sendError(res, received.failure.status, received.failure.error ?? "invalid_payload", received.failure.message);
  return null;
}

/** Deletes the form's files, then answers with an error. */
export async function refuseForm(
  res: Response,
  uploads: UploadDir,
  form: ReceivedForm,
  status: number,
  error: ErrorCode,
  message: string,
  issues?: Issue[],
): Promise<void> {
  await uploads.discard(form.files);
  sendError(res, status, error, message, issues);
}

/**
 * Runs `handle` with upload quota claims open (it passes them to `receiveOrRefuse` in its rules) and settles them
 * when it ends: kept when it returns true (its files are stored), given back when it returns false or throws.
 */
export async function withQuotas(claims: QuotaClaim[], handle: (quotas: QuotaClaim[]) => Promise<boolean>): Promise<void> {
  let stored = false;
  try {
    stored = await handle(claims);
  } finally {
    for (const claim of claims) claim.settle(stored);
  }
}

// The HTTP side of uploads: receive a form or answer why not; refuse a received form without leaving files.
import type { Request, Response } from "express";
import type { ErrorCode, Issue } from "../../protocol/ack.js";
import { sendError } from "../../http/errors.js";
import type { AddressQuota, UploadQuota } from "./quota.js";
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
 * `receiveOrRefuse` within the client address's hourly upload quota and `quotas` (a ticket's): the address is
 * charged the bytes of the files received, given back the rest of what was reserved.
 */
export async function receiveWithinQuota(
  req: Request,
  res: Response,
  uploads: UploadDir,
  rules: UploadRules,
  addressQuota: AddressQuota,
  quotas: UploadQuota[] = [],
): Promise<ReceivedForm | null> {
  const grant = addressQuota.reserve(req.ip ?? "unknown", rules.maxFiles * rules.maxFileBytes);
  const form = await receiveOrRefuse(req, res, uploads, { ...rules, quotas: [...quotas, grant.quota] });
  grant.settle(form ? form.files.reduce((sum, f) => sum + f.size, 0) : 0);
  return form;
}

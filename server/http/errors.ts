// JSON errors for the HTTP API: what is wrong, never internal detail.
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { ErrorCode, Issue } from "../protocol/ack.js";
import { isStorageFailure } from "../store/failure.js";

export function sendError(res: Response, status: number, error: ErrorCode, message: string, issues?: Issue[]): void {
  res.status(status).json(issues ? { ok: false, error, message, issues } : { ok: false, error, message });
}

/**
 * State-changing API calls must be JSON, or multipart uploads carrying `X-Parley-Request: 1`: a cross-site form can
 * send neither (JSON and custom headers need a CORS preflight, which Parley never grants), so this stops CSRF.
 */
export const requireJson: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.is("application/json")) return next();
  if (req.is("multipart/form-data") && req.get("x-parley-request") === "1") return next();
  sendError(res, 415, "invalid_payload", "Send the request body as application/json (or multipart/form-data with X-Parley-Request: 1)");
};

export const notFound: RequestHandler = (_req, res) => sendError(res, 404, "not_found", "No such endpoint");

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const type = (err as { type?: string }).type;
    if (type === "entity.parse.failed") return sendError(res, 400, "invalid_payload", "The body is not valid JSON");
    if (type === "entity.too.large") return sendError(res, 413, "invalid_payload", "The body is too large");
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) return sendError(res, status, "invalid_payload", "The request could not be read");
    logger.error({ err }, "request failed");
    // The store failing (disk full, a lock held too long by another process, Redis gone): nothing was changed; retry.
    if (isStorageFailure(err)) {
      res.set("Retry-After", "1");
      return sendError(res, 503, "storage_unavailable", "Could not be stored right now; nothing was changed. Retry");
    }
    sendError(res, 500, "internal", "Something went wrong");
  };
}

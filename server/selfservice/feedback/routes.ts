// Product feedback: anyone sends it (with screenshots), agents read the report.
import express, { type Router } from "express";
import type { Config } from "../../config.js";
import { sendError } from "../../http/errors.js";
import { createRateLimiter } from "../../http/rate-limit.js";
import type { FeedbackRecord, Store } from "../../store/port.js";
import type { Access } from "../access.js";
import { createFieldCheck } from "../fields.js";
import { randomId } from "../ids.js";
import { createQueryCheck, firstIssue } from "../query.js";
import { receiveOrRefuse, refuseForm, withQuotas } from "../uploads/http.js";
import type { AddressQuota } from "../uploads/quota.js";
import { sendAttachment } from "../uploads/serve.js";
import { IMAGE_TYPES } from "../uploads/sniff.js";
import type { UploadDir } from "../uploads/upload-dir.js";
import { dayStart, feedbackReport } from "./report.js";
import { clientKey } from "../../http/client-address.js";

export interface FeedbackDeps {
  config: Config;
  store: Store;
  uploads: UploadDir;
  access: Access;
  now: () => number;
  /** Upload bytes per client address per hour, shared with tickets. */
  addressQuota: AddressQuota;
}

export const COMMENT_MAX = 5_000;
const DAY_MS = 86_400_000;

export function feedbackRoutes(deps: FeedbackDeps): Router {
  const { config, store, uploads, access, now, addressQuota } = deps;
  const router = express.Router();
  // Per client address: a burst of 10, then one a minute.
  const limiter = createRateLimiter(10, 1 / 60);
  const rules = { fileField: "screenshots", maxFiles: config.attachmentMaxFiles, maxFileBytes: config.attachmentMaxBytes, allowed: IMAGE_TYPES, idleMs: config.network.uploadIdleMs };

  router.post("/api/feedback", async (req, res) => {
    const key = clientKey(req, config.network.trustProxy);
    if (!limiter.take(key)) {
      res.set({ "Retry-After": String(Math.ceil(limiter.retryAfterMs(key) / 1000)), Connection: "close" });
      return sendError(res, 429, "rate_limited", "Too much feedback from this address; try again in a minute");
    }
    await withQuotas([addressQuota.claim(key)], async (quotas) => {
      const form = await receiveOrRefuse(req, res, uploads, { ...rules, quotas });
      if (!form) return false;
      const check = createFieldCheck(form.fields);
      const rating = check.integer("rating", 1, 5);
      const comment = check.text("comment", { max: COMMENT_MAX, required: false });
      const email = check.email("email", false);
      const language = check.language("language", config.languages);
      if (check.issues.length > 0 || rating === null) {
        await refuseForm(res, uploads, form, 400, "invalid_payload", `The feedback was not sent: ${firstIssue(check.issues)}`, check.issues);
        return false;
      }
      const screenshots = await uploads.accept(form.files, () => randomId("f"));
      const feedback: FeedbackRecord = { id: randomId("fb"), rating: rating as FeedbackRecord["rating"], comment, email, language, screenshots, createdAt: now() };
      try {
        await store.feedback.put(feedback);
      } catch (error) {
        await uploads.remove(screenshots);
        throw error;
      }
      res.status(201).json({ id: feedback.id });
      return true;
    });
  });

  router.use("/api/agent/feedback", access.requireAgent);

  router.get("/api/agent/feedback", async (req, res) => {
    const query = createQueryCheck(req.query);
    const rating = query.oneOf("rating", ["1", "2", "3", "4", "5"]);
    const from = query.string("from", 10);
    const to = query.string("to", 10);
    const fromAt = from === undefined ? undefined : dayStart(from);
    const toAt = to === undefined ? undefined : dayStart(to);
    if (fromAt === null) query.issues.push({ path: "from", message: "must be a date like 2024-05-01" });
    if (toAt === null) query.issues.push({ path: "to", message: "must be a date like 2024-05-31" });
    if (typeof fromAt === "number" && typeof toAt === "number" && fromAt > toAt) query.issues.push({ path: "to", message: "must not be before from" });
    if (query.issues.length > 0) return sendError(res, 400, "invalid_payload", `Bad filter: ${firstIssue(query.issues)}`, query.issues);
    const items = await store.feedback.list({
      ...(rating && { rating: Number(rating) }),
      ...(typeof fromAt === "number" && { from: fromAt }),
      // "to" names the last day included.
      ...(typeof toAt === "number" && { to: toAt + DAY_MS }),
    });
    res.json(feedbackReport(items));
  });

  router.get("/api/agent/feedback/:id/files/:fileId", async (req, res) => {
    const feedback = await store.feedback.get(req.params.id);
    const screenshot = feedback?.screenshots.find((s) => s.id === req.params.fileId);
    if (!screenshot) return sendError(res, 404, "not_found", "No such file");
    await sendAttachment(res, uploads, screenshot);
  });
  return router;
}

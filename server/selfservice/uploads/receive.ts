// Receives a multipart/form-data request with busboy: fields in memory, files streamed to temp files under
// uploads/.tmp with server-generated names. Limits are enforced while streaming, so an oversized or disguised
// upload is refused before its body has arrived; on any failure or client abort every temp file is deleted.
import busboy from "busboy";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { unlink } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { FileInspector, RefusedFileError } from "./inspect.js";
import { cleanFileName } from "./names.js";
import { megabytes, type QuotaClaim } from "./quota.js";
import type { ErrorCode } from "../../protocol/ack.js";
import type { DetectedType } from "./sniff.js";

/** What a form may carry. */
export interface UploadRules {
  /** The form field that carries files ("files", "screenshots"). */
  fileField: string;
  maxFiles: number;
  maxFileBytes: number;
  allowed: readonly DetectedType[];
  /** Quotas across the whole request (per ticket, per address): each file and chunk is claimed as it arrives. */
  quotas?: QuotaClaim[];
  /** An upload that sends nothing for this long is refused (408); the whole request is bounded by the server's requestTimeout. */
  idleMs: number;
}

/** A file received into a temp file, not yet part of anything. */
export interface ReceivedFile {
  tempPath: string;
  name: string;
  type: DetectedType;
  size: number;
}

export interface ReceivedForm {
  fields: Map<string, string>;
  files: ReceivedFile[];
}

/** Why a form was refused: an HTTP status and a message for the sender. */
export interface UploadFailure {
  status: 400 | 408 | 413 | 415 | 429;
  /** The error code (default invalid_payload). */
  error?: ErrorCode;
  /** For 429: when to try again. */
  retryAfterS?: number;
  message: string;
  /** The client went away mid-upload (nobody to answer). */
  aborted: boolean;
}

export type Received = { ok: true; form: ReceivedForm } | { ok: false; failure: UploadFailure };

/** Fields a form may have and the longest field value in bytes (10,000 characters of any script fit). */
const MAX_FIELDS = 30;
const MAX_FIELD_BYTES = 48 * 1024;


/** Reads the form from `req`. Never rejects. */
export function receiveForm(req: IncomingMessage, tempDir: string, rules: UploadRules): Promise<Received> {
  return new Promise((resolve) => {
    const fields = new Map<string, string>();
    const files: (ReceivedFile | undefined)[] = [];
    const temps: string[] = [];
    const outputs: WriteStream[] = [];
    const writes: Promise<void>[] = [];
    const closed: Promise<unknown>[] = [];
    let settled = false;
    let idle: NodeJS.Timeout | undefined;

    const fail = (status: UploadFailure["status"], message: string, aborted = false, extra: Pick<UploadFailure, "error" | "retryAfterS"> = {}) => {
      if (settled) return;
      settled = true;
      // Nothing of this request will be stored: give its quota back now, so parallel requests can use it.
      for (const quota of rules.quotas ?? []) quota.settle(false);
      clearTimeout(idle);
      req.unpipe(parser);
      for (const out of outputs) out.destroy();
      // Answer only once every temp file is gone: a refused upload leaves nothing behind.
      void Promise.allSettled([...writes, ...closed])
        .then(() => Promise.allSettled(temps.map((path) => unlink(path))))
        .then(() => resolve({ ok: false, failure: { status, message, aborted, ...extra } }));
    };
    // Claims files and bytes from every quota; the first that refuses fails the request.
    const overQuota = (files: number, bytes: number) => {
      const quota = rules.quotas?.find((q) => !q.take(files, bytes));
      if (!quota) return false;
      const refusal = quota.refusal();
      fail(refusal.status, refusal.message, false, { error: refusal.error, ...(refusal.retryAfterS !== undefined && { retryAfterS: refusal.retryAfterS }) });
      return true;
    };

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        limits: { files: rules.maxFiles, fileSize: rules.maxFileBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: rules.maxFiles + MAX_FIELDS, fieldNameSize: 100 },
      });
    } catch {
      resolve({ ok: false, failure: { status: 400, message: "The body is not multipart/form-data with a boundary", aborted: false } });
      return;
    }

    parser.on("field", (name, value, info) => {
      if (settled) return;
      if (info.nameTruncated) return fail(400, "A field name is too long");
      if (info.valueTruncated) return fail(413, `The field "${name}" is too long`);
      if (fields.has(name)) return fail(400, `The field "${name}" was sent more than once`);
      fields.set(name, value);
    });

    parser.on("file", (field, stream, info) => {
      if (settled) return void stream.resume();
      if (field !== rules.fileField) {
        stream.resume();
        return fail(400, `Files go in the "${rules.fileField}" field, not "${field}"`);
      }
      if (overQuota(1, 0)) return void stream.resume();
      const index = files.length;
      files.push(undefined);
      const name = cleanFileName(info.filename);
      const tempPath = join(tempDir, `${process.pid}.${randomBytes(12).toString("hex")}.part`);
      temps.push(tempPath);
      const inspector = new FileInspector(name, rules.allowed);
      const out = createWriteStream(tempPath, { flags: "wx", mode: 0o600 });
      outputs.push(out);
      // A temp file exists from its open until its close; it is deleted only after that.
      closed.push(once(out, "close"));
      stream.on("limit", () => fail(413, `"${name}" is larger than ${megabytes(rules.maxFileBytes)}`, false, { error: "file_too_large" }));
      stream.on("data", (chunk: Buffer) => {
        if (!settled) overQuota(0, chunk.length);
      });
      writes.push(
        pipeline(stream, inspector, out).then(
          () => {
            if (inspector.type) files[index] = { tempPath, name, type: inspector.type, size: inspector.size };
          },
          (error: unknown) => {
            if (error instanceof RefusedFileError) fail(415, error.message, false, { error: "unsupported_type" });
            else fail(400, `"${name}" could not be received`);
          },
        ),
      );
    });

    parser.on("filesLimit", () => fail(413, `At most ${rules.maxFiles} file${rules.maxFiles === 1 ? "" : "s"} per message`));
    parser.on("fieldsLimit", () => fail(413, "Too many fields"));
    parser.on("partsLimit", () => fail(413, "Too many parts"));
    parser.on("error", () => fail(400, "The form could not be read"));
    parser.on("close", () => {
      void Promise.all(writes).then(() => {
        if (settled) return;
        if (files.some((f) => f === undefined)) return fail(400, "A file could not be received");
        settled = true;
        clearTimeout(idle);
        resolve({ ok: true, form: { fields, files: files as ReceivedFile[] } });
      });
    });
    req.on("close", () => {
      if (!req.complete) fail(400, "The upload was interrupted", true);
    });
    // A slow client holds a connection and a temp file: every chunk must arrive within idleMs of the previous one.
    const stalled = () => fail(408, "The upload stalled; send it again");
    idle = setTimeout(stalled, rules.idleMs);
    req.on("data", () => {
      if (settled) return;
      clearTimeout(idle);
      idle = setTimeout(stalled, rules.idleMs);
    });
    req.pipe(parser);
  });
}

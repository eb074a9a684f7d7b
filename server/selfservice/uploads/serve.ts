// Sends an accepted file: typed by its bytes, never sniffed, never run, inline only for raster images.
import type { Response } from "express";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { AttachmentRecord } from "../../store/port.js";
import { sendError } from "../../http/errors.js";
import { downloadName } from "./names.js";
import { IMAGE_TYPES, type DetectedType } from "./sniff.js";
import type { UploadDir } from "./upload-dir.js";

const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `Content-Disposition` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** Streams the file of `attachment`, or answers 404 when it is missing. */
export async function sendAttachment(res: Response, uploads: UploadDir, attachment: AttachmentRecord): Promise<void> {
  const file = await uploads.locate(attachment.key);
  if (!file) return sendError(res, 404, "not_found", "No such file");
  const type = attachment.type as DetectedType;
  const inline = IMAGE_TYPES.includes(type);
  res.set({
    "Content-Type": type,
    "Content-Length": String(file.size),
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", downloadName(attachment.name, type)),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
  });
  await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}

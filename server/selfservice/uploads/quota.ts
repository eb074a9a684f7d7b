// Upload quotas: how many files and bytes one request may still bring, per ticket (across all its messages) and
// per client address per hour. Checked while the body streams (receive.ts), so a request over quota is stopped
// at the byte that passes it, and nothing of it is kept.
import type { ErrorCode } from "../../protocol/ack.js";
import { createRateLimiter } from "../../http/rate-limit.js";
import type { AttachmentRecord } from "../../store/port.js";

/** What one request may still upload, and how to refuse it when it brings more. */
export interface UploadQuota {
  files: number;
  bytes: number;
  status: 413 | 429;
  error: ErrorCode;
  message: string;
  /** For 429: seconds until the quota has room for a file again. */
  retryAfterS?: number;
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;

/** A ticket's quota, given the attachments it already holds. */
export function ticketQuota(maxFiles: number, maxBytes: number, held: AttachmentRecord[]): UploadQuota {
  const bytes = held.reduce((sum, a) => sum + a.size, 0);
  return {
    files: Math.max(0, maxFiles - held.length),
    bytes: Math.max(0, maxBytes - bytes),
    status: 413,
    error: "quota_exceeded",
    message: `This ticket has reached its attachment limit: at most ${maxFiles} files and ${megabytes(maxBytes)} in all`,
  };
}

/**
 * Bytes per client address per hour, as a bucket that refills over the hour. A request reserves what it may
 * bring at most (or what is left), and gives back what it did not keep, so parallel requests cannot overrun it.
 */
export function createAddressQuota(bytesPerHour: number, now?: () => number) {
  const bucket = createRateLimiter(bytesPerHour, bytesPerHour / 3600, now);
  return {
    reserve(address: string, most: number): { quota: UploadQuota; settle(keptBytes: number): void } {
      const reserved = Math.floor(Math.max(0, Math.min(most, bucket.available(address))));
      bucket.take(address, reserved);
      const missing = Math.min(bytesPerHour, most) - reserved;
      let settled = false;
      return {
        quota: {
          files: Number.MAX_SAFE_INTEGER,
          bytes: reserved,
          status: 429,
          error: "rate_limited",
          message: `Too many uploads from this address: at most ${megabytes(bytesPerHour)} per hour; try again later`,
          retryAfterS: Math.max(1, Math.ceil((missing / bytesPerHour) * 3600)),
        },
        settle(keptBytes) {
          if (settled) return;
          settled = true;
          bucket.refund(address, Math.max(0, reserved - keptBytes));
        },
      };
    },
  };
}

export type AddressQuota = ReturnType<typeof createAddressQuota>;

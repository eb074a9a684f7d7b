// Upload quotas: per ticket (files and bytes across all its messages) and per client address per hour. A request
// claims each file and each chunk of bytes as it streams (receive.ts), synchronously against a shared count, so
// parallel requests cannot pass a quota between a check and the accounting; a request over quota is stopped at the
// file or byte that passes it and gives back everything it claimed.
import type { ErrorCode } from "../../protocol/ack.js";
import { createRateLimiter } from "../../http/rate-limit.js";

/** How a request over a quota is answered. */
export interface QuotaRefusal {
  status: 413 | 429;
  error: ErrorCode;
  message: string;
  /** For 429: seconds until the quota has room again. */
  retryAfterS?: number;
}

/**
 * One request's claim on one quota. Settle it once the request's files are stored or dropped (`withQuotas` does);
 * `receiveForm` settles it itself (given back) as soon as it refuses the upload.
 */
export interface QuotaClaim {
  /** Counts `files` more files and `bytes` more bytes for this request; false (and nothing counted) when that passes the quota. */
  take(files: number, bytes: number): boolean;
  /** Why the last refused `take` was refused. */
  refusal(): QuotaRefusal;
  /** The request is over: `stored` keeps what it took counted, otherwise all of it is given back. Later calls do nothing. */
  settle(stored: boolean): void;
}

/** Files and bytes. */
export interface Usage {
  files: number;
  bytes: number;
}

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;

/** The sum of files and bytes held (attachments, or anything with a size). */
export const usageOf = (held: readonly { size: number }[]): Usage => ({ files: held.length, bytes: held.reduce((sum, a) => sum + a.size, 0) });

/**
 * A quota of files and bytes per key (a ticket; a conversation), shared by every request on that key in this
 * process. While requests on a key are open, what they took is counted on top of what the key held when the
 * first of them opened it; once the last one settles the count is dropped, and the next request reads the store
 * again (where the stored files now are). A claim is settled only after its files are stored, so no stored file is
 * ever missing from both counts.
 */
export function createUsageLedger(limit: Usage, refusal: QuotaRefusal) {
  const open = new Map<string, { held: Promise<Usage>; base: Usage; taken: Usage; claims: number }>();

  return {
    limit,
    /** A claim on `key`; `readHeld` reads what the key holds in the store (called only when no request has it open). */
    async claim(key: string, readHeld: () => Promise<Usage>): Promise<QuotaClaim> {
      let entry = open.get(key);
      if (!entry) {
        const created = { held: readHeld(), base: { files: 0, bytes: 0 }, taken: { files: 0, bytes: 0 }, claims: 0 };
        open.set(key, created);
        entry = created;
      }
      entry.claims++;
      const current = entry;
      try {
        current.base = await current.held;
      } catch (error) {
        if (--current.claims === 0 && open.get(key) === current) open.delete(key);
        throw error;
      }
      const mine = { files: 0, bytes: 0 };
      let settled = false;
      return {
        take(files, bytes) {
          if (settled) return false;
          if (current.base.files + current.taken.files + files > limit.files) return false;
          if (current.base.bytes + current.taken.bytes + bytes > limit.bytes) return false;
          current.taken.files += files;
          current.taken.bytes += bytes;
          mine.files += files;
          mine.bytes += bytes;
          return true;
        },
        refusal: () => refusal,
        settle(stored) {
          if (settled) return;
          settled = true;
          if (!stored) {
            current.taken.files -= mine.files;
            current.taken.bytes -= mine.bytes;
          }
          if (--current.claims === 0 && open.get(key) === current) open.delete(key);
        },
      };
    },
    /** A claim for something that holds nothing yet and that no other request can reach (a ticket being created). */
    fresh(): QuotaClaim {
      const mine = { files: 0, bytes: 0 };
      return {
        take(files, bytes) {
          if (mine.files + files > limit.files || mine.bytes + bytes > limit.bytes) return false;
          mine.files += files;
          mine.bytes += bytes;
          return true;
        },
        refusal: () => refusal,
        settle() {},
      };
    },
  };
}

export type UsageLedger = ReturnType<typeof createUsageLedger>;

/** The per-ticket quota: at most `maxFiles` files and `maxBytes` across a ticket's messages. */
export function createTicketQuota(maxFiles: number, maxBytes: number): UsageLedger {
  return createUsageLedger(
    { files: maxFiles, bytes: maxBytes },
    {
      status: 413,
      error: "quota_exceeded",
      message: `This ticket has reached its attachment limit: at most ${maxFiles} files and ${megabytes(maxBytes)} in all`,
    },
  );
}

/**
 * Bytes per client address per hour, as a bucket that refills over the hour. Each chunk is taken from the bucket
 * as it arrives; a request that does not store its files gives back what it took.
 */
export function createAddressQuota(bytesPerHour: number, now?: () => number) {
  const perSecond = bytesPerHour / 3600;
  const bucket = createRateLimiter(bytesPerHour, perSecond, now);
  return {
    claim(address: string): QuotaClaim {
      let taken = 0;
      let needed = 0;
      let settled = false;
      return {
        take(_files, bytes) {
          if (settled) return false;
          if (bytes === 0) return true;
          if (!bucket.take(address, bytes)) {
            needed = Math.min(bytesPerHour, taken + bytes);
            return false;
          }
          taken += bytes;
          return true;
        },
        refusal: () => ({
          status: 429,
          error: "rate_limited",
          message: `Too many uploads from this address: at most ${megabytes(bytesPerHour)} per hour; try again later`,
          // Once this request's bytes are given back: how long until what it needed fits.
          retryAfterS: Math.max(1, Math.ceil((needed - Math.min(needed, bucket.available(address) + (settled ? 0 : taken))) / perSecond)),
        }),
        settle(stored) {
          if (settled) return;
          settled = true;
          if (!stored) bucket.refund(address, taken);
        },
      };
    },
  };
}

export type AddressQuota = ReturnType<typeof createAddressQuota>;

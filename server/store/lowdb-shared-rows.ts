// Records in one JSON file shared between processes: the server reads it, the `parley` command edits it meanwhile.
// Reads check the file's status first and read it again when it changed (or changed too recently to tell); changes are
// read-modify-write under `<file>.lock`, so two processes never lose each other's changes: a writer whose lock was
// taken over (held past LOCK_STALE_MS) cannot commit, and makes its change again under a new lock.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import type { BigIntStats } from "node:fs";
import { Low } from "lowdb";
import { JsonFile, type FileIo } from "./json-file.js";
import { LockLostError, waitForLock } from "./files.js";
import { readRows, type Rows } from "./lowdb-table.js";

// The lock is held for one read-modify-write only; a holder stuck this long has died or hung.
const LOCK_STALE_MS = 30_000;
// How often a change is made again after its lock was taken over before it could write (then LockLostError).
const WRITE_ATTEMPTS = 3;

/** A shared file of records by id. */
export interface SharedRows<T> {
  /** The current rows (re-read when the file changed); do not mutate. */
  rows(): Promise<Rows<T>>;
  /** Runs `fn` on freshly read rows under the lock; writes its `rows` unless null. */
  change<R>(fn: (rows: Rows<T>) => { rows: Rows<T> | null; result: R }): Promise<R>;
  /** Changes whenever the rows change (also by hand or by another process), and only then. */
  version(): Promise<string>;
  idle(): Promise<void>;
}

/** What reads of a shared file depend on besides its FileIo; tests pass their own. */
export interface SharedRowsOptions {
  /** The file's status (default: `stat(path, { bigint: true })`). */
  stat?: (path: string) => Promise<BigIntStats>;
  /** The time now in ms, on the clock the file system's time stamps use (default: `Date.now`). */
  now?: () => number;
}

// A file whose last change is more recent than this may change again within the same tick of the file system's clock
// (1–10 ms on Linux file systems, 2 s on FAT) without any change to its status: rewritten in place at the same size,
// or replaced by a file that got the inode number the old one freed. Such a file is read again on every look.
const RACY_MS = 3_000;

/** The rows as last read, and whether the file's status alone tells whether they are still current. */
interface Loaded<T> {
  stamp: string;
  rows: Rows<T>;
  version: string;
  trusted: boolean;
}

export function openSharedRows<T>(path: string, io: FileIo, options: SharedRowsOptions = {}): SharedRows<T> {
  const statOf = options.stat ?? ((file: string) => stat(file, { bigint: true }));
  const now = options.now ?? Date.now;
  const file = new JsonFile<Rows<T>>(path, io);
  let cached: Loaded<T> | null = null;
  let seen = { digest: "", generation: 0 };
  let tail: Promise<unknown> = Promise.resolve();

  // Writes go through rename, so a changed file is a new inode; ctime (set to the time of every change, also one
  // that puts the modification time back, as cp -p and touch -r do), mtime and size catch edits in place.
  const status = async (): Promise<{ stamp: string; trusted: boolean }> => {
    try {
      const info = await statOf(path);
      return { stamp: `${info.ino}-${info.ctimeNs}-${info.mtimeNs}-${info.size}`, trusted: now() - Number(info.ctimeMs) > RACY_MS };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { stamp: "none", trusted: true };
      throw error;
    }
  };

  const fresh = async (): Promise<Rows<T>> => {
    const db = new Low<Rows<T>>(file, {});
    await readRows(db, path);
    return db.data;
  };

  const load = async (): Promise<Loaded<T>> => {
    // Status before reading: if the file changes in between, the next look sees a new status and reads again.
    const { stamp, trusted } = await status();
    if (cached?.trusted && cached.stamp === stamp) return cached;
    const rows = await fresh();
    // The version counts the changes of the content seen, so it changes when the rows do, however often the file is
    // read again, and not when only its status did.
    const digest = createHash("sha256").update(JSON.stringify(rows)).digest("base64url");
    if (digest !== seen.digest) seen = { digest, generation: seen.generation + 1 };
    cached = { stamp, rows, version: String(seen.generation), trusted };
    return cached;
  };

  return {
    rows: async () => (await load()).rows,
    change: (fn) => {
      const run = tail.then(async () => {
        for (let attempt = 1; ; attempt++) {
          const lock = await waitForLock(`${path}.lock`, LOCK_STALE_MS);
          try {
            const { rows, result } = fn(await fresh());
            // Staged under the lock: if another process took the lock over meanwhile (we held it past LOCK_STALE_MS,
            // paused or starved), the write fails and changes nothing, and the change is made again on fresh rows.
            if (rows !== null) await file.write(rows, lock.staging);
            return result;
          } catch (error) {
            if (!(error instanceof LockLostError) || attempt === WRITE_ATTEMPTS) throw error;
          } finally {
            cached = null;
            await lock.release();
          }
        }
      });
      tail = run.catch(() => {});
      return run;
    },
    version: async () => (await load()).version,
    idle: async () => void (await tail),
  };
}

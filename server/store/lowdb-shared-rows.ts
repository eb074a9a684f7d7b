// Records in one JSON file shared between processes: the server reads it, the `parley` command edits it meanwhile.
// Reads check the file's identity first and re-read it when another process replaced it; changes are
// read-modify-write under `<file>.lock`, so two processes never lose each other's changes: a writer whose lock was
// taken over (held past LOCK_STALE_MS) cannot commit, and makes its change again under a new lock.
import { stat } from "node:fs/promises";
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
  /** Changes whenever the file changes (also by hand or by another process). */
  version(): Promise<string>;
  idle(): Promise<void>;
}

export function openSharedRows<T>(path: string, io: FileIo): SharedRows<T> {
  const file = new JsonFile<Rows<T>>(path, io);
  let cached: { stamp: string; rows: Rows<T> } | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  // Writes go through rename, so a changed file is a new inode; mtime and size catch in-place edits by hand.
  const stamp = async (): Promise<string> => {
    try {
      const info = await stat(path, { bigint: true });
      return `${info.ino}-${info.mtimeNs}-${info.size}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "none";
      throw error;
    }
  };

  const fresh = async (): Promise<Rows<T>> => {
    const db = new Low<Rows<T>>(file, {});
    await readRows(db, path);
    return db.data;
  };

  return {
    rows: async () => {
      // Stamp before reading: if the file changes in between, the next call sees a new stamp and reads again.
      const now = await stamp();
      if (cached?.stamp !== now) cached = { stamp: now, rows: await fresh() };
      return cached.rows;
    },
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
    version: stamp,
    idle: async () => void (await tail),
  };
}

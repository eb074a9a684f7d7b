// File-system helpers for the lowdb store: pid lock files, leftover temp files, durable directory creation.
import * as fsp from "node:fs/promises";
import { mkdir, open, readdir, unlink } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { randomBytes } from "node:crypto";

/** Temp files are `.<name>.<pid>.<random>.tmp` beside their target, so the owner of a leftover can be told. */
export const TEMP_FILE = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/** A fresh temp file name (matching {@link TEMP_FILE}) in the directory of `path`. */
export const tempPathFor = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The file operations the lock functions use; injectable so tests can hold or observe them. */
export type LockIo = Pick<typeof fsp, "link" | "mkdir" | "open" | "readdir" | "rmdir" | "unlink" | "writeFile">;

/** A lock held by this process. */
export interface HeldLock {
  held: true;
  /**
   * Where to stage writes made under a lock that can go stale while its holder lives (by age); null for a lock that
   * is taken over only from a process that no longer runs. Whoever takes the lock over deletes this directory first,
   * so a file staged here can be renamed into place only while the lock is still ours: after a takeover the rename
   * fails (ENOENT) and changes nothing (see `JsonFile.write`, which turns that into {@link LockLostError}).
   */
  staging: string | null;
  release(): Promise<void>;
}

/** The outcome of {@link tryLock}: held, or held by another live process. */
export type LockAttempt = HeldLock | { held: false; pid: number };

/** A write refused because the lock it was made under had been taken over (its holder seemed stale); nothing was written. */
export class LockLostError extends Error {
  override name = "LockLostError";
  /** A storage failure: answered as `storage_unavailable` (retry), like ENOSPC (see `isStorageFailure` in failure.ts). */
  readonly code = "ELOCKLOST";
  constructor(readonly path: string) {
    super(`${path} was not written: its lock was taken over by another writer meanwhile (this one held it past the lock's stale age); nothing was changed`);
  }
}

/** {@link waitForLock} gave up: another live process kept the lock. */
export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
  /** A storage failure: answered as `storage_unavailable` (retry), like ENOSPC (see `isStorageFailure` in failure.ts). */
  readonly code = "ELOCKTIMEOUT";
  constructor(readonly path: string, readonly pid: number) {
    super(`timed out waiting for ${path}, held by pid ${pid} (if no such process runs, delete ${path})`);
  }
}

// Ownership tokens of the locks this process holds or is linking right now. A lock file with our own pid but a token
// not in here was left by an earlier process that had the same pid (a restarted container is pid 1 again): stale.
const heldHere = new Set<string>();

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
const ignoreMissing = (error: unknown) => {
  if (errno(error) !== "ENOENT") throw error;
};

/** Whether the holder `pid`/`token` of a lock or staging directory still runs (ours: whether we still hold it). */
const holderAlive = (pid: number, token: string) => (pid === process.pid ? heldHere.has(token) : isAlive(pid));

/** A holder's staging directory beside its lock file: `.<lock name>.<pid>.<token>.staging`. */
const STAGING_DIR = /^\.(.+)\.(\d+)\.([A-Za-z0-9_-]+)\.staging$/;
const stagingPathFor = (path: string, pid: number, token: string) => join(dirname(path), `.${basename(path)}.${pid}.${token}.staging`);

/** Who holds a lock file: `<pid> <token>`; a file from before tokens holds only the pid. */
interface Holder {
  pid: number;
  token: string;
  mtimeMs: number;
}

/**
 * Takes the lock file `path`, which then holds our pid and a fresh ownership token. A lock whose process is gone,
 * or which is older than `staleAfterMs`, is taken over. Nobody ever deletes a lock file without first checking, under
 * the takeover lock of that very token (`<path>.<token>.takeover`, itself a lock of this kind), that it still holds
 * the token: so two processes that both find the same stale lock cannot both win, and a lock taken over cannot be
 * deleted by its former holder's late release. A lock that can go stale by age while its holder lives comes with a
 * staging directory ({@link HeldLock.staging}), deleted before any takeover: a holder paused past `staleAfterMs` and
 * taken over cannot commit a write afterwards.
 */
export async function tryLock(path: string, staleAfterMs = Number.POSITIVE_INFINITY, io: LockIo = fsp): Promise<LockAttempt> {
  const fenced = Number.isFinite(staleAfterMs);
  let lastPid = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    const token = randomBytes(9).toString("base64url");
    // Known as ours before the lock file can exist: another writer in this process that reads the file between our
    // link and the moment we hear back from it must find a live holder, not "our pid, unknown token" (stale).
    heldHere.add(token);
    // Made before the lock exists and never again: once a taker has deleted it, nothing can be staged or committed.
    const staging = fenced ? stagingPathFor(path, process.pid, token) : null;
    let linked = false;
    try {
      if (staging) await io.mkdir(staging);
      linked = await linkNew(path, token, io);
    } finally {
      if (!linked) {
        heldHere.delete(token);
        if (staging) await io.rmdir(staging).catch(() => {});
      }
    }
    if (linked) {
      const release = async () => {
        // Ours until the file is gone: a lock file holding our pid and a token not in `heldHere` counts as stale.
        // Only a lock that can go stale while we live (by age) may have been taken over: check before deleting (this
        // deletes our staging directory too; after a takeover the taker did).
        try {
          if (fenced) await removeIfHolds(path, token, io);
          else await io.unlink(path).catch(ignoreMissing);
        } finally {
          heldHere.delete(token);
        }
      };
      return { held: true, staging, release };
    }
    const holder = await readHolder(path, io);
    // Released between our link and our read: try again.
    if (holder === null) continue;
    lastPid = holder.pid;
    if (holderAlive(holder.pid, holder.token) && Date.now() - holder.mtimeMs < staleAfterMs) return { held: false, pid: holder.pid };
    // Another process is removing this stale lock right now: let it finish, then try again.
    if ((await removeIfHolds(path, holder.token, io)) === "busy") await delay(5 * (attempt + 1));
  }
  // It kept changing hands under us: busy, as far as this attempt can tell.
  return { held: false, pid: lastPid };
}

/** Creates the lock file `path` holding our pid and `token`; false if a lock file is there already. */
async function linkNew(path: string, token: string, io: LockIo): Promise<boolean> {
  // Written first under a unique name (O_EXCL), then linked into place: the lock never exists without its owner.
  const temp = tempPathFor(path);
  await io.writeFile(temp, `${process.pid} ${token}\n`, { flag: "wx" });
  try {
    await io.link(temp, path);
    return true;
  } catch (error) {
    if (errno(error) !== "EEXIST") throw error;
    return false;
  } finally {
    await io.unlink(temp).catch(() => {});
  }
}

/**
 * Deletes the lock file `path` if it still holds `token`, under the takeover lock of that token; "busy" when another
 * process is deleting it right now. The lock-file holder (its token) never changes while the takeover lock is held:
 * only a takeover-lock holder deletes a lock file, and linking a new one fails while the file exists. The holder's
 * staging directory goes first, so the holder can commit nothing once its lock file is gone.
 */
async function removeIfHolds(path: string, token: string, io: LockIo): Promise<"removed" | "gone" | "busy"> {
  // Most often the holder has just released it (seen before it was deleted, judged after): nothing to take over.
  if ((await readHolder(path, io))?.token !== token) return "gone";
  // A takeover lock of a takeover lock of a takeover lock needs three processes to die at exact moments: wait
  // (and let waitForLock's time-out say which file is stuck) rather than nest names without end.
  if (path.split(".takeover").length > 3) return "busy";
  // Held for a few file operations only, so it goes stale only with its process.
  const takeover = await tryLock(`${path}.${token}.takeover`, Number.POSITIVE_INFINITY, io);
  if (!takeover.held) return "busy";
  try {
    const holder = await readHolder(path, io);
    if (holder?.token !== token) return "gone";
    await removeStaging(stagingPathFor(path, holder.pid, token), io);
    await io.unlink(path).catch(ignoreMissing);
    return "removed";
  } finally {
    await takeover.release();
  }
}

/**
 * Deletes a staging directory with whatever is staged in it. Once it is gone (rmdir succeeded, or it never existed),
 * a rename out of it fails: the kernel looks the staged file up under the directory's lock, and the holder never
 * makes the directory again. A file staged meanwhile makes rmdir fail (ENOTEMPTY): delete again.
 */
async function removeStaging(dir: string, io: LockIo): Promise<void> {
  for (let round = 0; round < 10; round++) {
    let names: string[];
    try {
      names = await io.readdir(dir);
    } catch (error) {
      if (errno(error) === "ENOENT") return;
      throw error;
    }
    for (const name of names) await io.unlink(join(dir, name)).catch(ignoreMissing);
    try {
      await io.rmdir(dir);
      return;
    } catch (error) {
      if (errno(error) === "ENOENT") return;
      if (errno(error) !== "ENOTEMPTY" && errno(error) !== "EEXIST") throw error;
    }
  }
  throw new Error(`${dir} kept filling up while it was being deleted`);
}

async function readHolder(path: string, io: LockIo): Promise<Holder | null> {
  let handle: fsp.FileHandle;
  try {
    handle = await io.open(path, "r");
  } catch (error) {
    if (errno(error) === "ENOENT") return null;
    throw error;
  }
  try {
    // Content and age of one and the same file (the path may change hands between two look-ups).
    const text = await handle.readFile("utf8");
    const info = await handle.stat();
    const [pid = "", token] = text.trim().split(" ");
    // A token-less lock (older Parley) is named by its pid, so it still has exactly one takeover lock.
    return { pid: Number.parseInt(pid, 10), token: token && /^[A-Za-z0-9_-]+$/.test(token) ? token : `pid${Number.parseInt(pid, 10) || 0}`, mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Waits (polling with back-off) until the lock is ours; gives up after `timeoutMs` with {@link LockTimeoutError}. */
export async function waitForLock(path: string, staleAfterMs: number, timeoutMs = 10_000): Promise<HeldLock> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const attempt = await tryLock(path, staleAfterMs);
    if (attempt.held) return attempt;
    if (Date.now() > deadline) throw new LockTimeoutError(path, attempt.pid);
    await delay(pause);
  }
}

/**
 * Deletes temp files and lock staging directories left in `dir` by processes that no longer run (a crash mid-write);
 * live writers' are kept.
 */
export async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch((error: unknown) => (ignoreMissing(error), [] as string[]));
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (match && !isAlive(Number(match[2]))) await unlink(join(dir, name)).catch(() => {});
    const staging = STAGING_DIR.exec(name);
    if (staging && !holderAlive(Number(staging[2]), staging[3]!)) await removeStaging(join(dir, name), fsp).catch(() => {});
  }
}

/** Creates `dir` if needed and syncs each parent whose entries changed, so the new directory survives a power loss. */
export async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  const created = relative(dirname(first), dir).split(sep);
  let parent = dirname(first);
  for (const part of created) {
    await syncDir(parent);
    parent = join(parent, part);
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

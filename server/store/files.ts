// File-system helpers for the lowdb store: pid lock files, leftover temp files, durable directory creation.
import { link, mkdir, open, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
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

/** A lock held by this process. */
export interface HeldLock {
  held: true;
  release(): Promise<void>;
}

/** The outcome of {@link tryLock}: held, or held by another live process. */
export type LockAttempt = HeldLock | { held: false; pid: number };

// Lock files this process holds: a lock with our own pid that is not in here was left by an earlier process
// that had the same pid (a restarted container is pid 1 again), so it is stale.
const heldHere = new Set<string>();

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
const ignoreMissing = (error: unknown) => {
  if (errno(error) !== "ENOENT") throw error;
};

/**
 * Takes the lock file `path`, which then holds our pid. A lock whose process is gone, or which is older than
 * `staleAfterMs`, is taken over. Known limit: two processes taking over the same stale lock at once may both win.
 */
export async function tryLock(path: string, staleAfterMs = Number.POSITIVE_INFINITY): Promise<LockAttempt> {
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written first under a unique name (O_EXCL), then linked into place: the lock never exists without its pid.
    const temp = tempPathFor(path);
    await writeFile(temp, `${process.pid}\n`, { flag: "wx" });
    try {
      await link(temp, path);
      heldHere.add(path);
      const release = async () => {
        heldHere.delete(path);
        await unlink(path).catch(ignoreMissing);
      };
      return { held: true, release };
    } catch (error) {
      if (errno(error) !== "EEXIST") throw error;
    } finally {
      await unlink(temp).catch(() => {});
    }
    const holder = await readHolder(path);
    if (holder === null) continue;
    const alive = holder.pid === process.pid ? heldHere.has(path) : isAlive(holder.pid);
    if (alive && Date.now() - holder.mtimeMs < staleAfterMs) return { held: false, pid: holder.pid };
    await unlink(path).catch(ignoreMissing);
  }
  throw new Error(`could not take the lock file ${path}: it keeps changing`);
}

async function readHolder(path: string): Promise<{ pid: number; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    return { pid: Number.parseInt(text, 10), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (errno(error) === "ENOENT") return null;
    throw error;
  }
}

/** Waits (polling with back-off) until the lock is ours; gives up after `timeoutMs`. */
export async function waitForLock(path: string, staleAfterMs: number, timeoutMs = 10_000): Promise<HeldLock> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const attempt = await tryLock(path, staleAfterMs);
    if (attempt.held) return attempt;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}, held by pid ${attempt.pid}`);
    await delay(pause);
  }
}

/** Deletes temp files left in `dir` by processes that no longer run (a crash mid-write); live writers' are kept. */
export async function removeLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch((error: unknown) => (ignoreMissing(error), [] as string[]));
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (match && !isAlive(Number(match[2]))) await unlink(join(dir, name)).catch(() => {});
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

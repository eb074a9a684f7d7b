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

// Ownership tokens of the locks this process holds. A lock file with our own pid but a token not in here was
// left by an earlier process that had the same pid (a restarted container is pid 1 again), so it is stale.
const heldHere = new Set<string>();

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
const ignoreMissing = (error: unknown) => {
  if (errno(error) !== "ENOENT") throw error;
};

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
 * deleted by its former holder's late release.
 */
export async function tryLock(path: string, staleAfterMs = Number.POSITIVE_INFINITY): Promise<LockAttempt> {
  let lastPid = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    const token = randomBytes(9).toString("base64url");
    // Written first under a unique name (O_EXCL), then linked into place: the lock never exists without its owner.
    const temp = tempPathFor(path);
    await writeFile(temp, `${process.pid} ${token}\n`, { flag: "wx" });
    try {
      await link(temp, path);
      heldHere.add(token);
      const release = async () => {
        // Ours until the file is gone: a lock file holding our pid and a token not in `heldHere` counts as stale.
        // Only a lock that can go stale while we live (by age) may have been taken over: check before deleting.
        try {
          if (Number.isFinite(staleAfterMs)) await removeIfHolds(path, token);
          else await unlink(path).catch(ignoreMissing);
        } finally {
          heldHere.delete(token);
        }
      };
      return { held: true, release };
    } catch (error) {
      if (errno(error) !== "EEXIST") throw error;
    } finally {
      await unlink(temp).catch(() => {});
    }
    const holder = await readHolder(path);
    // Released between our link and our read: try again.
    if (holder === null) continue;
    lastPid = holder.pid;
    const alive = holder.pid === process.pid ? heldHere.has(holder.token) : isAlive(holder.pid);
    if (alive && Date.now() - holder.mtimeMs < staleAfterMs) return { held: false, pid: holder.pid };
    // Another process is removing this stale lock right now: let it finish, then try again.
    if ((await removeIfHolds(path, holder.token)) === "busy") await delay(5 * (attempt + 1));
  }
  // It kept changing hands under us: busy, as far as this attempt can tell.
  return { held: false, pid: lastPid };
}

/**
 * Deletes the lock file `path` if it still holds `token`, under the takeover lock of that token; "busy" when another
 * process is deleting it right now. The lock-file holder (its token) never changes while the takeover lock is held:
 * only a takeover-lock holder deletes a lock file, and linking a new one fails while the file exists.
 */
async function removeIfHolds(path: string, token: string): Promise<"removed" | "gone" | "busy"> {
  // Most often the holder has just released it (seen before it was deleted, judged after): nothing to take over.
  if ((await readHolder(path))?.token !== token) return "gone";
  // A takeover lock of a takeover lock of a takeover lock needs three processes to die at exact moments: wait
  // (and let waitForLock's time-out say which file is stuck) rather than nest names without end.
  if (path.split(".takeover").length > 3) return "busy";
  // Held for a few file operations only, so it goes stale only with its process.
  const takeover = await tryLock(`${path}.${token}.takeover`);
  if (!takeover.held) return "busy";
  try {
    if ((await readHolder(path))?.token !== token) return "gone";
    await unlink(path).catch(ignoreMissing);
    return "removed";
  } finally {
    await takeover.release();
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    const [pid = "", token] = text.trim().split(" ");
    // A token-less lock (older Parley) is named by its pid, so it still has exactly one takeover lock.
    return { pid: Number.parseInt(pid, 10), token: token && /^[A-Za-z0-9_-]+$/.test(token) ? token : `pid${Number.parseInt(pid, 10) || 0}`, mtimeMs: info.mtimeMs };
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

import { spawnSync } from "node:child_process";
import { readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tryLock } from "../../server/store/files.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

afterEach(() => removeTempDirs());

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** `writers` read-modify-write one counter file at once, each under the lock; returns the count and the most inside at once. */
async function countUnderLock(dir: string, writers: number, staleAfterMs = 30_000) {
  const counter = join(dir, "counter");
  await writeFile(counter, "0");
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      // Spinning rather than waiting with back-off, so the writers meet as often as they can.
      let lock = await tryLock(join(dir, "file.lock"), staleAfterMs);
      while (!lock.held) {
        await new Promise((resolve) => setImmediate(resolve));
        lock = await tryLock(join(dir, "file.lock"), staleAfterMs);
      }
      most = Math.max(most, ++inside);
      try {
        const value = Number(await readFile(counter, "utf8"));
        await writeFile(counter, String(value + 1));
      } finally {
        inside--;
        await lock.release();
      }
    }),
  );
  return { count: Number(await readFile(counter, "utf8")), most };
}

describe("lock files", () => {
  it("lets 30 concurrent writers through one at a time and loses none of their writes", async () => {
    const dir = await makeTempDir();
    expect(await countUnderLock(dir, 30)).toEqual({ count: 30, most: 1 });
    expect(await readdir(dir)).toEqual(["counter"]);
  });

  it("lets only one of many writers that find the same stale lock take it over", async () => {
    for (const stale of [`${deadPid()} tokenofadeadprocess\n`, `${deadPid()}\n`, `${process.pid} notheldbythisprocess\n`]) {
      const dir = await makeTempDir();
      await writeFile(join(dir, "file.lock"), stale);
      expect(await countUnderLock(dir, 20)).toEqual({ count: 20, most: 1 });
      expect(await readdir(dir)).toEqual(["counter"]);
    }
  });

  it("never deletes a lock that was taken over from it when it releases late", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "file.lock");
    const slow = await tryLock(path, 1_000);
    if (!slow.held) throw new Error("not held");
    // The holder hangs past the stale age: another writer takes the lock over.
    await utimes(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const taker = await tryLock(path, 1_000);
    if (!taker.held) throw new Error("not taken over");
    const takersFile = await readFile(path, "utf8");
    await slow.release();
    expect(await readFile(path, "utf8")).toBe(takersFile);
    expect(await tryLock(path, 1_000)).toEqual({ held: false, pid: process.pid });
    await taker.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("refuses a lock held by a live process and names its pid", async () => {
    const dir = await makeTempDir();
    const held = await tryLock(join(dir, "file.lock"));
    expect(await tryLock(join(dir, "file.lock"))).toEqual({ held: false, pid: process.pid });
    if (held.held) await held.release();
  });
});

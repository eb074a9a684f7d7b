import { spawnSync } from "node:child_process";
import * as fsp from "node:fs/promises";
import { readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LockLostError, tryLock, type LockIo } from "../../server/store/files.js";
import { JsonFile, type FileIo } from "../../server/store/json-file.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

afterEach(() => removeTempDirs());

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** A promise and the function that resolves it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

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

  it.each([30_000, Number.POSITIVE_INFINITY])(
    "never takes over a lock another writer of this process has linked but not yet heard back about (stale after %s ms)",
    async (staleAfterMs) => {
      // Two stores of one process (the server's and the command's in lowdb-agents.test.ts): the first one's link is
      // done on disk, but its completion has not reached JavaScript yet (its thread-pool thread was descheduled on a
      // loaded machine). The lock then holds our pid and a token this process does not know yet; it is not stale.
      const dir = await makeTempDir();
      const path = join(dir, "file.lock");
      const onDisk = signal();
      const heard = signal();
      const slowLink: LockIo = {
        ...fsp,
        link: async (from, to) => {
          await fsp.link(from, to);
          onDisk.fire();
          await heard.fired;
        },
      };
      const first = tryLock(path, staleAfterMs, slowLink);
      await onDisk.fired;
      expect(await tryLock(path, staleAfterMs)).toEqual({ held: false, pid: process.pid });
      heard.fire();
      const held = await first;
      if (!held.held) throw new Error("the first writer lost its lock");
      expect((await readFile(path, "utf8")).startsWith(`${process.pid} `)).toBe(true);
      await held.release();
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it("refuses the write of a holder whose lock was taken over while it was renaming, with LockLostError, and writes nothing", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "file.lock");
    const data = join(dir, "data.json");
    const renaming = signal();
    const resume = signal();
    const pausedRename: FileIo = {
      ...fsp,
      rename: async (from, to) => {
        renaming.fire();
        await resume.fired;
        return fsp.rename(from, to);
      },
    };
    const slow = await tryLock(path, 1_000);
    if (!slow.held) throw new Error("not held");
    // The holder has staged its new file and is paused just before renaming it into place ...
    const write = new JsonFile(data, pausedRename).write({ by: "slow" }, slow.staging);
    await renaming.fired;
    // ... past the stale age: another writer takes the lock over.
    await utimes(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const taker = await tryLock(path, 1_000);
    if (!taker.held) throw new Error("not taken over");
    resume.fire();
    await expect(write).rejects.toBeInstanceOf(LockLostError);
    await expect(readFile(data)).rejects.toThrow(/ENOENT/);
    // A write staged under the lost lock after the takeover is refused as well; the taker's goes through.
    await expect(new JsonFile(data).write({ by: "slow, again" }, slow.staging)).rejects.toBeInstanceOf(LockLostError);
    await new JsonFile(data).write({ by: "taker" }, taker.staging);
    expect(JSON.parse(await readFile(data, "utf8"))).toEqual({ by: "taker" });
    await slow.release();
    await taker.release();
    expect(await readdir(dir)).toEqual(["data.json"]);
  });

  it("refuses a lock held by a live process and names its pid", async () => {
    const dir = await makeTempDir();
    const held = await tryLock(join(dir, "file.lock"));
    expect(await tryLock(join(dir, "file.lock"))).toEqual({ held: false, pid: process.pid });
    if (held.held) await held.release();
  });
});

import * as fsp from "node:fs/promises";
import { stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FileIo } from "../../server/store/json-file.js";
import { openSharedRows } from "../../server/store/lowdb-shared-rows.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

afterEach(() => removeTempDirs());

/** A FileIo that counts the reads of whole files. */
function countingIo() {
  let reads = 0;
  const readFile = ((...args: Parameters<typeof fsp.readFile>) => {
    reads++;
    return fsp.readFile(...args);
  }) as typeof fsp.readFile;
  const io: FileIo = { ...fsp, readFile };
  return { io, reads: () => reads };
}

describe("shared rows: reads of a file another process changes", () => {
  it("sees a change written in the same tick of the file system's clock as the version it read, and trusts the file once older", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "rows.json");
    await writeFile(path, JSON.stringify({ a: { n: 1 } }));
    // The same status for both versions, as for two written within one tick of the file system's clock, the second
    // in place or under the inode number the first one freed: nothing in the status tells them apart.
    const frozen = await stat(path, { bigint: true });
    let now = Number(frozen.ctimeMs) + 1;
    const { io, reads } = countingIo();
    const rows = openSharedRows<{ n: number }>(path, io, { stat: async () => frozen, now: () => now });
    expect(await rows.rows()).toEqual({ a: { n: 1 } });
    const first = await rows.version();

    await writeFile(path, JSON.stringify({ a: { n: 2 } }));
    expect(await rows.rows()).toEqual({ a: { n: 2 } });
    expect(await rows.version()).not.toBe(first);

    // Long after its last change, a file with an unchanged status is not read again.
    now += 60_000;
    const version = await rows.version();
    const settled = reads();
    expect(await rows.rows()).toEqual({ a: { n: 2 } });
    expect(await rows.version()).toBe(version);
    expect(reads()).toBe(settled);
  });

  it("sees a file rewritten in place with its modification time put back (cp -p, touch -r)", async () => {
    const dir = await makeTempDir();
    const path = join(dir, "rows.json");
    const stamp = 1_700_000_000;
    await writeFile(path, JSON.stringify({ a: { n: 1 } }));
    await utimes(path, stamp, stamp);
    // Read long after that change (the clock is ahead of the file's last change).
    const rows = openSharedRows<{ n: number }>(path, fsp, { now: () => Date.now() + 60_000 });
    expect(await rows.rows()).toEqual({ a: { n: 1 } });
    const first = await rows.version();

    await writeFile(path, JSON.stringify({ a: { n: 2 } }));
    await utimes(path, stamp, stamp);
    expect(await rows.rows()).toEqual({ a: { n: 2 } });
    expect(await rows.version()).not.toBe(first);
  });
});

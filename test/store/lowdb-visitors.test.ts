// Visitor records go through an append-only journal: registering a visitor costs the same disk work with 100 or
// 3,000 visitors stored (counted through an injected FileIo, not timed), and an acknowledged put survives a crash.
import * as fsp from "node:fs/promises";
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { openRowJournal } from "../../server/store/lowdb-row-journal.js";
import { openTable } from "../../server/store/lowdb-table.js";
import type { VisitorRecord } from "../../server/store/port.js";
import { createControlledIo } from "./controlled-io.js";
import { visitor } from "./fixtures.js";
import { byteCountingIo, dirWithRows, shardFiles } from "./sharded-dir.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

afterEach(removeTempDirs);

const numbered = (i: number) => visitor({ id: `v_${i.toString(36).padStart(8, "0")}`, createdAt: 1_700_000_000_000 + i });
/** A data directory whose visitor shards already hold `stored` visitors. */
const dirWithVisitors = (stored: number) => dirWithRows("visitors", Array.from({ length: stored }, (_, i) => numbered(i)));

/** Bytes written per registration (until acknowledged) of `count` new visitors with `stored` already stored. */
async function bytesPerRegistration(stored: number, count: number): Promise<number> {
  const counter = byteCountingIo();
  const store = await openLowdbStore(await dirWithVisitors(stored), { lock: true, io: counter.io });
  try {
    counter.start();
    for (let i = 0; i < count; i += 5) await Promise.all([0, 1, 2, 3, 4].map((k) => store.visitors.put(numbered(stored + i + k))));
    return counter.bytes() / count;
  } finally {
    await store.close();
  }
}

describe("lowdb store: visitors", () => {
  it("writes the same bytes per registration with 3,000 visitors stored as with 100", async () => {
    const few = await bytesPerRegistration(100, 50);
    const many = await bytesPerRegistration(3000, 50);
    // A line of the journal per visitor (about 150 bytes); rewriting its shard would cost ~12 rows (~1.7 KB) at 3,000.
    expect(few).toBeGreaterThan(0);
    expect(many).toBeLessThan(few * 1.5);
  });

  it("writes the journal into the shards at most once per table's worth of puts (O(1) per registration amortised)", async () => {
    const amortised = async (stored: number) => {
      const counter = byteCountingIo();
      const dir = await dirWithVisitors(stored);
      const store = await openLowdbStore(dir, { lock: true, io: counter.io, visitorCompaction: { minRows: 50 } });
      counter.start();
      for (let i = 0; i < stored * 2; i += 50) await Promise.all(Array.from({ length: 50 }, (_, k) => store.visitors.put(numbered(stored + i + k))));
      await store.close();
      expect(await readdir(join(dir, "visitors-journal"))).toEqual([]);
      return counter.bytes() / (stored * 2);
    };
    const small = await amortised(100);
    const large = await amortised(1500);
    expect(large).toBeLessThan(small * 2);
  });

  it("keeps an acknowledged visitor across a crash (journal replayed over the shards), and after compaction in the shards alone", async () => {
    const dir = await makeTempDir();
    const open = async () => {
      await mkdir(join(dir, "visitors"), { recursive: true });
      const table = openTable<VisitorRecord>(shardFiles(join(dir, "visitors")), fsp);
      await table.loadAll();
      return { table, journal: await openRowJournal(table, join(dir, "visitors-journal"), fsp, { minRows: Number.POSITIVE_INFINITY }) };
    };
    const first = await open();
    await first.journal.put(visitor({ id: "v_1", conversationIds: ["c_1"] }));
    await first.journal.put(visitor({ id: "v_2" }));
    await first.journal.put(visitor({ id: "v_1", conversationIds: ["c_1", "c_2"] }));
    expect(await first.table.get("v_1")).toEqual(visitor({ id: "v_1", conversationIds: ["c_1", "c_2"] }));
    await first.journal.close({ compact: false }); // as kill -9 leaves it: nothing in the shards yet
    expect(await readdir(join(dir, "visitors"))).toEqual([]);

    const second = await open();
    expect(await second.table.get("v_1")).toEqual(visitor({ id: "v_1", conversationIds: ["c_1", "c_2"] }));
    expect(await second.table.get("v_2")).toEqual(visitor({ id: "v_2" }));
    await second.journal.close();
    expect(await readdir(join(dir, "visitors-journal"))).toEqual([]);

    const third = await open();
    expect(await third.table.get("v_1")).toEqual(visitor({ id: "v_1", conversationIds: ["c_1", "c_2"] }));
    expect(await third.table.size()).toBe(2);
    await third.journal.close();
  });

  it("refuses a put whose journal write fails (disk full) and stores nothing of it", async () => {
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const store = await openLowdbStore(dir, { lock: true, io: controlled.io });
    try {
      controlled.failWrites(/visitors-journal/);
      await expect(store.visitors.put(visitor({ id: "v_full" }))).rejects.toThrow(/ENOSPC/);
      expect(await store.visitors.get("v_full")).toBeNull();
      controlled.failWrites(null);
      await store.visitors.put(visitor({ id: "v_full" }));
      expect(await store.visitors.get("v_full")).toEqual(visitor({ id: "v_full" }));
    } finally {
      await store.close();
    }
    const reopened = await openLowdbStore(dir, { lock: true });
    expect(await reopened.visitors.get("v_full")).toEqual(visitor({ id: "v_full" }));
    await reopened.close();
  });
});

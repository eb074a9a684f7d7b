// Conversation writes go through an append-only journal (conversations-journal/): a chat start and an assignment cost
// the same disk work with 100 or 3,000 conversations stored (bytes counted through an injected FileIo, not timed);
// an acknowledged create or compare-and-set survives a crash (the data directory copied as it is on disk while the
// store is open, as kill -9 leaves it); a failed journal write (disk full) refuses the write and changes nothing.
import { cp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { createControlledIo } from "./controlled-io.js";
import { conversation } from "./fixtures.js";
import { byteCountingIo, dirWithRows } from "./sharded-dir.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

afterEach(removeTempDirs);

const numbered = (i: number) => conversation({ id: `c_${i.toString(36).padStart(8, "0")}`, visitorId: `v_${i}`, createdAt: 1_700_000_000_000 + i });
/** A data directory whose conversation shards already hold `stored` conversations. */
const dirWithConversations = (stored: number) => dirWithRows("conversations", Array.from({ length: stored }, (_, i) => numbered(i)));

/** Bytes written per chat (a create and an assignment, until acknowledged) with `stored` conversations already stored. */
async function bytesPerChat(stored: number, count: number): Promise<number> {
  const counter = byteCountingIo();
  const store = await openLowdbStore(await dirWithConversations(stored), { lock: true, io: counter.io });
  try {
    counter.start();
    for (let i = 0; i < count; i += 5) {
      const batch = [0, 1, 2, 3, 4].map((k) => numbered(stored + i + k));
      await Promise.all(batch.map((c) => store.conversations.create(c)));
      await Promise.all(batch.map((c) => store.conversations.update({ ...c, status: "assigned", assigneeId: "a_alex" }, 0)));
    }
    return counter.bytes() / count;
  } finally {
    await store.close();
  }
}

describe("lowdb store: conversations", () => {
  it("writes the same bytes per chat start and assignment with 3,000 conversations stored as with 100", async () => {
    const few = await bytesPerChat(100, 50);
    const many = await bytesPerChat(3000, 50);
    // Two journal lines per chat (about 700 bytes); rewriting the shard twice would cost ~24 rows (~8 KB) at 3,000.
    expect(few).toBeGreaterThan(0);
    expect(many).toBeLessThan(few * 1.5);
  });

  it("keeps acknowledged creates and compare-and-sets across a crash, and refuses a stale write after it", async () => {
    const dir = await makeTempDir();
    const store = await openLowdbStore(dir, { lock: true, conversationCompaction: { minRows: Number.POSITIVE_INFINITY } });
    const crashed = await makeTempDir();
    try {
      await store.conversations.create(conversation({ id: "c_1" }));
      await store.conversations.create(conversation({ id: "c_2" }));
      expect(await store.conversations.update(conversation({ id: "c_1", status: "assigned", assigneeId: "a_alex" }), 0)).toMatchObject({ ok: true });
      expect(await store.conversations.update(conversation({ id: "c_1", status: "assigned", assigneeId: "a_bea" }), 0)).toMatchObject({ ok: false });
      // Everything is in the journal, nothing in the shards yet: the directory as kill -9 would leave it.
      expect(await readdir(join(dir, "conversations"))).toEqual([]);
      await cp(dir, crashed, { recursive: true });
      await rm(join(crashed, "server.lock"));
    } finally {
      await store.close();
    }
    const reopened = await openLowdbStore(crashed, { lock: true });
    try {
      expect(await reopened.conversations.get("c_1")).toEqual(conversation({ id: "c_1", status: "assigned", assigneeId: "a_alex", epoch: 1 }));
      expect(await reopened.conversations.get("c_2")).toEqual(conversation({ id: "c_2" }));
      expect(await reopened.conversations.update(conversation({ id: "c_1", status: "closed" }), 0)).toMatchObject({ ok: false, current: { epoch: 1 } });
      expect(await reopened.conversations.update(conversation({ id: "c_1", status: "closed" }), 1)).toMatchObject({ ok: true, conversation: { epoch: 2 } });
    } finally {
      await reopened.close();
    }
    // A clean close wrote the journal into the shards and removed it.
    expect(await readdir(join(crashed, "conversations-journal"))).toEqual([]);
    const third = await openLowdbStore(crashed, { lock: true });
    expect(await third.conversations.get("c_1")).toMatchObject({ status: "closed", epoch: 2 });
    await third.close();
  });

  it("refuses a create and a compare-and-set whose journal write fails (disk full) and stores nothing of them", async () => {
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const store = await openLowdbStore(dir, { lock: true, io: controlled.io });
    try {
      await store.conversations.create(conversation({ id: "c_1" }));
      controlled.failWrites(/conversations-journal/);
      await expect(store.conversations.create(conversation({ id: "c_full" }))).rejects.toThrow(/ENOSPC/);
      await expect(store.conversations.update(conversation({ id: "c_1", status: "assigned", assigneeId: "a_alex" }), 0)).rejects.toThrow(/ENOSPC/);
      expect(await store.conversations.get("c_full")).toBeNull();
      expect(await store.conversations.get("c_1")).toEqual(conversation({ id: "c_1" }));
      controlled.failWrites(null);
      expect(await store.conversations.create(conversation({ id: "c_full" }))).toBe(true);
      expect(await store.conversations.update(conversation({ id: "c_1", status: "assigned", assigneeId: "a_alex" }), 0)).toMatchObject({ ok: true, conversation: { epoch: 1 } });
    } finally {
      await store.close();
    }
    const reopened = await openLowdbStore(dir, { lock: true });
    expect(await reopened.conversations.get("c_full")).toEqual(conversation({ id: "c_full" }));
    expect(await reopened.conversations.get("c_1")).toMatchObject({ status: "assigned", epoch: 1 });
    await reopened.close();
  });

  it("writes read markers as journal lines, at most once a second for all of them, not by rewriting shards", async () => {
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const store = await openLowdbStore(dir, { lock: true, io: controlled.io });
    try {
      await store.conversations.create(conversation({ id: "c_1", status: "assigned", assigneeId: "a_alex" }));
      const before = controlled.calls.length;
      for (let seq = 1; seq <= 20; seq++) await store.conversations.markRead("c_1", 0, seq);
      await expect.poll(() => controlled.calls.slice(before).filter((call) => call.startsWith("datasync conversations-journal/")).length, { timeout: 10_000 }).toBe(1);
      expect(controlled.calls.slice(before).some((call) => call.startsWith("open conversations/"))).toBe(false);
      const crashed = await makeTempDir();
      await cp(dir, crashed, { recursive: true });
      await rm(join(crashed, "server.lock"));
      const reopened = await openLowdbStore(crashed, { lock: true });
      expect((await reopened.conversations.get("c_1"))?.agentReadSeq).toBe(20);
      await reopened.close();
    } finally {
      await store.close();
    }
  });
});

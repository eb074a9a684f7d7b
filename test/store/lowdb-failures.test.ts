import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../server/store/lowdb.js";
import type { CompactionPolicy } from "../../server/store/lowdb-messages.js";
import type { Store } from "../../server/store/port.js";
import { createControlledIo } from "./controlled-io.js";
import { conversation, draft } from "./fixtures.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

const open: Store[] = [];
async function controlledStore(compaction?: CompactionPolicy) {
  const dir = await makeTempDir();
  const controlled = createControlledIo(dir);
  const store = await openLowdbStore(dir, { lock: true, io: controlled.io, ...(compaction && { compaction }) });
  open.push(store);
  return { dir, store, ...controlled };
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
  await removeTempDirs();
});

describe("lowdb store: failed and slow writes", () => {
  it("rejects an append whose journal write fails (disk full) and stores a retry with the same id exactly once", async () => {
    const { dir, store, failWrites } = await controlledStore();
    await store.messages.append("c_1", draft("m1"));
    await store.messages.append("c_1", draft("m2"));

    failWrites(/^journal\//);
    await expect(store.messages.append("c_1", draft("m3"))).rejects.toThrow(/ENOSPC/);
    expect(await store.messages.lastSeq("c_1")).toBe(2);
    expect((await store.messages.list("c_1", 0)).map((m) => m.id)).toEqual(["m1", "m2"]);
    expect((await readFile(join(dir, "journal", "000001.log"), "utf8")).trim().split("\n")).toHaveLength(2);

    failWrites(null);
    expect(await store.messages.append("c_1", draft("m3"))).toMatchObject({ message: { seq: 3 }, duplicate: false });
    expect(await store.messages.append("c_1", draft("m3"))).toMatchObject({ message: { seq: 3 }, duplicate: true });
    await store.close();
    const reopened = await openLowdbStore(dir, { lock: true });
    open.push(reopened);
    expect((await reopened.messages.list("c_1", 0)).map((m) => [m.id, m.seq])).toEqual([["m1", 1], ["m2", 2], ["m3", 3]]);
  });

  it("keeps the journal when the chunk files cannot be written at close (disk full), and loses nothing", async () => {
    const { dir, store, failWrites } = await controlledStore();
    for (let i = 1; i <= 101; i++) await store.messages.append("c_1", draft(`m${i}`));
    failWrites(/^messages\/c_1\//);
    await store.close();
    expect(await readdir(join(dir, "journal"))).not.toEqual([]);
    const reopened = await openLowdbStore(dir, { lock: true });
    open.push(reopened);
    expect(await reopened.messages.last("c_1")).toMatchObject({ id: "m101", seq: 101 });
    expect((await reopened.messages.append("c_1", draft("m102"))).message.seq).toBe(102);
  });

  it("keeps the stored conversation when its write fails", async () => {
    const { store, failWrites } = await controlledStore();
    await store.conversations.create(conversation());
    failWrites(/^conversations/);
    await expect(store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0)).rejects.toThrow(/ENOSPC/);
    expect(await store.conversations.get("c_1")).toEqual(conversation());
    failWrites(null);
    expect((await store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0)).ok).toBe(true);
  });

  it("compacts a chunk through a temp file: write, fsync, rename over the target, fsync of the directory", async () => {
    const { store, calls } = await controlledStore();
    await store.messages.append("c_1", draft("m1"));
    calls.length = 0;
    await store.close();
    const ops = calls.filter((c) => c.includes("messages/c_1")).map((call) => call.replace(/\.000001\.json\.\d+\.[0-9a-f]+\.tmp/g, "TEMP"));
    expect(ops).toEqual([
      "open messages/c_1/TEMP wx",
      "write messages/c_1/TEMP",
      "sync messages/c_1/TEMP",
      "close messages/c_1/TEMP",
      "rename messages/c_1/TEMP messages/c_1/000001.json",
      "open messages/c_1 r",
      "sync messages/c_1",
      "close messages/c_1",
    ]);
  });

  it("writes at most two chunk files at a time, leaving libuv threads for the journal's flushes", async () => {
    const { store, calls, holdRenames } = await controlledStore({ segmentBytes: Number.POSITIVE_INFINITY, afterMs: Number.POSITIVE_INFINITY });
    const chats = ["c_1", "c_2", "c_3", "c_4", "c_5"];
    for (const c of chats) await store.messages.append(c, draft(`${c}-m1`));
    const release = holdRenames(/^messages\//);
    const closing = store.close();
    const started = () => calls.filter((c) => /^open messages\/c_\d\/\..*\.tmp wx$/.test(c)).length;
    await expect.poll(() => calls.filter((c) => c.startsWith("rename messages/")).length).toBe(2);
    // Both held at their rename: no other chunk write has started.
    expect(started()).toBe(2);
    release();
    await closing;
    open.splice(open.indexOf(store), 1);
    expect(started()).toBe(chats.length);
  });

  it("acks appends while a slow chunk write of compaction is in flight", async () => {
    const { store, calls, holdRenames } = await controlledStore({ segmentBytes: Number.POSITIVE_INFINITY, afterMs: 0 });
    const release = holdRenames(/^messages\/c_slow\//);
    await store.messages.append("c_slow", draft("m1"));
    await expect.poll(() => calls.some((c) => c.startsWith("rename messages/c_slow/"))).toBe(true);
    expect((await store.messages.append("c_fast", draft("m1"))).message.seq).toBe(1);
    expect((await store.messages.append("c_slow", draft("m2"))).message.seq).toBe(2);
    release();
    await store.close();
  });

  it("does not ack a second append to a conversation before the first is on disk", async () => {
    const { store, holdSyncs } = await controlledStore();
    const release = holdSyncs(/^journal\/\d+\.log$/);
    const order: string[] = [];
    const first = store.messages.append("c_1", draft("m1")).then((r) => order.push(`m1:${r.message.seq}`));
    const second = store.messages.append("c_1", draft("m2")).then((r) => order.push(`m2:${r.message.seq}`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["m1:1", "m2:2"]);
  });
});

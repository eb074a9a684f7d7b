import * as fsp from "node:fs/promises";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openMessageLog, type CompactionPolicy, type MessageLog } from "../../server/store/lowdb-messages.js";
import { createConversationCache } from "../../server/store/lowdb-message-cache.js";
import { manualClock } from "./manual-clock.js";
import { draft } from "./fixtures.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

const open: MessageLog[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close()));
  await removeTempDirs();
});

const manual = { segmentBytes: Number.POSITIVE_INFINITY, afterMs: Number.POSITIVE_INFINITY };
async function openLog(io: typeof fsp, cached: number, keepUsedMs = 0) {
  const dir = await makeTempDir();
  const log = await openMessageLog(join(dir, "messages"), join(dir, "journal"), io, { cached, keepUsedMs, compaction: manual });
  open.push(log);
  return { log, messagesDir: join(dir, "messages") };
}

describe("lowdb message log with a small cache", () => {
  it("reloads a conversation dropped from the cache and still recognises its message ids", async () => {
    const { log } = await openLog(fsp, 2);
    await log.append("c_1", draft("m1"));
    await log.append("c_1", draft("m2"));
    await log.compact();
    await log.append("c_2", draft("x"));
    await log.append("c_3", draft("y"));
    expect(await log.append("c_1", draft("m1"))).toMatchObject({ message: { seq: 1, text: "text of m1" }, duplicate: true });
    expect((await log.append("c_1", draft("m3"))).message.seq).toBe(3);
  });

  it("keeps a conversation whose messages are only in the journal, however full the cache", async () => {
    const reads: string[] = [];
    const io = { ...fsp, readFile: ((path: string, options: "utf8") => (reads.push(path), fsp.readFile(path, options))) as typeof fsp.readFile };
    const { log } = await openLog(io, 1);
    for (let i = 1; i <= 3; i++) await log.append("c_1", draft(`m${i}`));
    for (const c of ["c_2", "c_3", "c_4"]) await log.append(c, draft("x"));
    reads.length = 0;
    expect((await log.list("c_1", 0)).map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    expect(reads).toEqual([]);
  });

  it.each([
    [1, ["c_1/000001.json"]],
    [2, []],
  ])("with room for %i conversation(s), re-reads from disk only conversations dropped from the cache", async (cached, rereads) => {
    const reads: string[] = [];
    let messagesDir = "";
    const io = { ...fsp, readFile: ((path: string, options: "utf8") => (reads.push(relative(messagesDir, path)), fsp.readFile(path, options))) as typeof fsp.readFile };
    const opened = await openLog(io, cached);
    const log = opened.log;
    messagesDir = opened.messagesDir;
    for (let i = 1; i <= 3; i++) await log.append("c_1", draft(`m${i}`));
    await log.compact();
    await log.append("c_2", draft("x"));
    reads.length = 0;
    expect(await log.lastSeq("c_1")).toBe(3);
    expect(reads).toEqual(rereads);
    expect((await log.append("c_1", draft("m4"))).message.seq).toBe(4);
  });

  it("keeps every conversation used lately, however small the cache: a round robin over more chats re-reads nothing", async () => {
    const reads: string[] = [];
    const io = { ...fsp, readFile: ((path: string, options: "utf8") => (reads.push(path), fsp.readFile(path, options))) as typeof fsp.readFile };
    const { log } = await openLog(io, 1, 60_000);
    const chats = ["c_1", "c_2", "c_3", "c_4"];
    for (const c of chats) await log.append(c, draft(`${c}-1`));
    await log.compact();
    reads.length = 0;
    for (let round = 2; round <= 4; round++) {
      for (const c of chats) expect((await log.append(c, draft(`${c}-${round}`))).message.seq).toBe(round);
      await log.compact();
    }
    expect(reads).toEqual([]);
  });
});

describe("lowdb message log compaction policy", () => {
  async function openPaced(policy: CompactionPolicy) {
    const dir = await makeTempDir();
    const { clock, advance, pending } = manualClock();
    const log = await openMessageLog(join(dir, "messages"), join(dir, "journal"), fsp, { compaction: policy, clock });
    open.push(log);
    const compacted = async (id: string) => (await fsp.readdir(join(dir, "messages", id)).catch((): string[] => [])).includes("000001.json");
    return { log, advance, pending, compacted };
  }

  it("waits until the journal holds messagesPerConversation messages per conversation it touches, looking again every afterMs", async () => {
    const { log, advance, pending, compacted } = await openPaced({ segmentBytes: Number.POSITIVE_INFINITY, afterMs: 1000, messagesPerConversation: 3 });
    await log.append("c_1", draft("m1"));
    await log.append("c_1", draft("m2"));
    await log.append("c_2", draft("x1"));
    expect(pending()).toBe(1);
    // 3 messages over 2 conversations: not yet worth a chunk rewrite each; the compactor looks again later.
    advance(1000);
    expect(pending()).toBe(1);
    for (let i = 3; i <= 6; i++) await log.append("c_1", draft(`m${i}`));
    advance(1000);
    // 7 messages over 2 conversations: compacted, and nothing left to look at.
    await expect.poll(() => compacted("c_1")).toBe(true);
    await expect.poll(() => compacted("c_2")).toBe(true);
    expect(pending()).toBe(0);
    expect((await log.list("c_1", 0)).map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
  });

  it("compacts anyway once a message has waited maxAgeMs in the journal", async () => {
    const { log, advance, pending, compacted } = await openPaced({ segmentBytes: Number.POSITIVE_INFINITY, afterMs: 1000, messagesPerConversation: 100, maxAgeMs: 2500 });
    await log.append("c_1", draft("m1"));
    advance(1000);
    advance(1000);
    expect(await compacted("c_1")).toBe(false);
    expect(pending()).toBe(1);
    advance(500);
    await expect.poll(() => compacted("c_1")).toBe(true);
    expect(pending()).toBe(0);
  });
});

describe("conversation cache", () => {
  it("drops a conversation unused for keepMs once over its size, also when loads came in between that found nothing to drop", async () => {
    const dir = await makeTempDir();
    let t = 0;
    const cache = createConversationCache(dir, fsp, { size: 1, keepMs: 100, now: () => t });
    const a = await cache.load("c_a");
    t = 10;
    const b = await cache.load("c_b");
    // Over size, but c_a (first in line) is in use until 100: nothing can go before then.
    t = 50;
    expect(await cache.load("c_b")).toBe(b);
    t = 99;
    expect(await cache.load("c_b")).toBe(b);
    t = 100;
    await cache.load("c_b");
    expect(await cache.load("c_a")).not.toBe(a);
    // c_b is first in line now, used at 100; c_a used since does not keep it.
    t = 150;
    await cache.load("c_a");
    t = 200;
    await cache.load("c_a");
    expect(await cache.load("c_b")).not.toBe(b);
  });
});

import * as fsp from "node:fs/promises";
import { appendFile, copyFile, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FileIo } from "../../server/store/json-file.js";
import { crc32, crc32Utf8, encodeRecord } from "../../server/store/journal.js";
import { openMessageLog, type MessageLog } from "../../server/store/lowdb-messages.js";
import { DEFAULT_PACING, flushSpacing, type FlushPacing } from "../../server/store/lowdb-group-commit.js";
import type { TimerClock } from "../../server/store/timer-clock.js";
import { createControlledIo } from "./controlled-io.js";
import { manualClock } from "./manual-clock.js";
import { draft } from "./fixtures.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

const open: MessageLog[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((log) => log.close({ compact: false })));
  await removeTempDirs();
});

/**
 * A message log on `dir` that compacts only when told to (or at a clean close), as after a restart; `timing`: its flush
 * pacing and clock, when a test sets them.
 */
async function openLog(dir: string, io: FileIo = fsp, timing: { pacing?: FlushPacing; clock?: TimerClock } = {}): Promise<MessageLog> {
  const log = await openMessageLog(join(dir, "messages"), join(dir, "journal"), io, { compaction: { segmentBytes: Number.POSITIVE_INFINITY, afterMs: Number.POSITIVE_INFINITY }, ...timing });
  open.push(log);
  return log;
}

/** Stops a log as kill -9 would leave it: what is in the journal stays there, nothing is compacted. */
const crash = (log: MessageLog) => log.close({ compact: false });

const segments = async (dir: string) => (await readdir(join(dir, "journal"))).sort();
const ids = async (log: MessageLog, conversationId = "c_1") => (await log.list(conversationId, 0)).map((m) => `${m.id}:${m.seq}`);

describe("message journal", () => {
  it("acks only after its line is flushed (fdatasync), and one write and one flush cover every message that arrived meanwhile", async () => {
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const log = await openLog(dir, controlled.io);
    // Loaded beforehand, so the appends below reach the journal's queue at once rather than after a directory read.
    for (const c of ["c_0", "c_1", "c_2"]) await log.lastSeq(c);
    const release = controlled.holdSyncs(/^journal\/\d+\.log$/);
    controlled.calls.length = 0;
    let acked = 0;
    const first = log.append("c_1", draft("m1")).then((r) => (acked++, r));
    await expect.poll(() => controlled.calls.filter((c) => c.startsWith("datasync journal/")).length).toBe(1);
    const rest = Array.from({ length: 30 }, (_, i) => log.append(`c_${i % 3}`, draft(`n${i}`)).then((r) => (acked++, r)));
    // Give the 30 a chance to be written with the first: they must not be.
    await new Promise((resolve) => setImmediate(resolve));
    expect(acked).toBe(0);
    release();
    await Promise.all([first, ...rest]);
    const journalOps = controlled.calls.filter((c) => /^(write|sync|datasync) journal\/\d+\.log$/.test(c));
    expect(journalOps.map((c) => c.split(" ")[0])).toEqual(["write", "datasync", "write", "datasync"]);
    expect(controlled.calls.filter((c) => c.includes("messages/"))).toEqual([]);
    expect((await log.list("c_1", 0)).map((m) => m.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it("spaces flushes intervalMs apart while appends come faster than busyPerSecond, so the next flush carries more", async () => {
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const { clock, advance, pending } = manualClock();
    const log = await openLog(dir, controlled.io, { pacing: { busyPerSecond: 1000, intervalMs: 2, maxIntervalMs: 2, windowMs: 100 }, clock });
    for (const c of ["c_1", "c_2", "c_3"]) await log.lastSeq(c);
    const writes = () => controlled.calls.filter((c) => c.startsWith("write journal/")).length;
    // Not busy yet: every append is flushed at once, each on its own.
    for (let i = 0; i < 200; i++) await log.append("c_1", draft(`m${i}`));
    expect(writes()).toBe(200);
    expect(pending()).toBe(0);
    // 201 appends in the first 100 ms: 2,010 a second, busy. The last flush was long ago, so this one goes at once.
    advance(100);
    await log.append("c_1", draft("a"));
    expect(writes()).toBe(201);
    // Half a millisecond after that flush started: the next waits for its turn, 2 ms after it, and gathers meanwhile.
    advance(0.5);
    const later = [log.append("c_2", draft("b")), log.append("c_3", draft("c"))];
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending()).toBe(1);
    expect(writes()).toBe(201);
    advance(1.5);
    expect((await Promise.all(later)).map((r) => r.message.seq)).toEqual([1, 1]);
    expect(writes()).toBe(202);
  });

  it("spaces flushes further apart the faster appends come, up to maxIntervalMs", async () => {
    expect([1999, 2000, 3000, 4000, 5000, 10_000].map((n) => flushSpacing(DEFAULT_PACING, n))).toEqual([0, 2, 3, 4, 5, 5]);
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const { clock, advance, pending } = manualClock();
    const log = await openLog(dir, controlled.io, { pacing: { busyPerSecond: 1000, intervalMs: 2, maxIntervalMs: 3, windowMs: 100 }, clock });
    for (const c of ["c_1", "c_2", "c_3"]) await log.lastSeq(c);
    const writes = () => controlled.calls.filter((c) => c.startsWith("write journal/")).length;
    for (let i = 0; i < 400; i++) await log.append("c_1", draft(`m${i}`));
    // 401 appends in 100 ms: 4,010 a second, four times busyPerSecond: 8 ms apart, but at most maxIntervalMs (3).
    advance(100);
    await log.append("c_1", draft("a"));
    expect(writes()).toBe(401);
    advance(0.5);
    const later = [log.append("c_2", draft("b")), log.append("c_3", draft("c"))];
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending()).toBe(1);
    // 2 ms after the last flush started (intervalMs): still waiting at this rate.
    advance(1.5);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes()).toBe(401);
    advance(1);
    expect((await Promise.all(later)).map((r) => r.message.seq)).toEqual([1, 1]);
    expect(writes()).toBe(402);
  });

  it("writes a paced flush at once when the log closes", async () => {
    const dir = await makeTempDir();
    const { clock, advance } = manualClock();
    const log = await openLog(dir, fsp, { pacing: { busyPerSecond: 1, intervalMs: 1000, maxIntervalMs: 1000, windowMs: 1 }, clock });
    await log.append("c_1", draft("m1"));
    // Busy now (2 appends in 1 ms): the next flush would wait 1 s for its turn, but the log is closing.
    advance(1);
    const paced = log.append("c_1", draft("m2"));
    await new Promise((resolve) => setImmediate(resolve));
    await log.close({ compact: false });
    expect((await paced).message.seq).toBe(2);
    const reopened = await openLog(dir);
    expect(await ids(reopened)).toEqual(["m1:1", "m2:2"]);
  });

  it("keeps the process alive while an append waits for a paced flush (the real clock's timer is not a background one)", async () => {
    const dir = await makeTempDir();
    const log = await openLog(dir, fsp, { pacing: { busyPerSecond: 1, intervalMs: 1000, maxIntervalMs: 1000, windowMs: 1 } });
    await log.append("c_1", draft("m1"));
    // Let the 1 ms counting window pass (spinning, not sleeping: a timer would be one more live resource).
    for (const start = performance.now(); performance.now() - start < 2; );
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const paced = log.append("c_1", draft("m2"));
    await new Promise((resolve) => setImmediate(resolve));
    // The flush waits 1 s for its turn: its timer must count as work left, or a process with nothing else to do
    // (a command, a benchmark) exits with the append never written nor answered.
    expect(timers()).toBe(before + 1);
    await log.close({ compact: false });
    expect((await paced).message.seq).toBe(2);
  });

  it("replays the journal after a crash, also more than once, without storing anything twice", async () => {
    const dir = await makeTempDir();
    const notice = { kind: "joined", name: "Jonas" } as const;
    const before = await openLog(dir);
    await before.append("c_1", draft("m1"));
    const { message } = await before.append("c_1", draft("s1", "Jonas joined the chat", { author: "system", notice }));
    await before.append("c_2", draft("x1"));
    await crash(before);
    await crash(await openLog(dir));

    const after = await openLog(dir);
    expect(await ids(after)).toEqual(["m1:1", "s1:2"]);
    expect(await after.last("c_1")).toEqual(message);
    expect(await after.append("c_1", draft("s1"))).toEqual({ message, duplicate: true });
    expect((await after.append("c_1", draft("m3"))).message.seq).toBe(3);
    expect(await after.lastSeq("c_2")).toBe(1);
  });

  it("checksums a line's UTF-8 bytes without encoding them first: every width of character, and a lone surrogate as U+FFFD", () => {
    const texts = ["", "plain", "Grüße, Jonas", "مرحبا", "日本語のテキスト", "emoji 😀👍🏽", "lone \ud800 high", "lone \udc00 low", "end \ud83d", "\u007f\u0080\u07ff\u0800\uffff"];
    for (const text of texts) expect(crc32Utf8(text), text).toBe(crc32(Buffer.from(text, "utf8")));
  });

  it("replays non-ASCII messages written in one group write (German, Arabic, emoji)", async () => {
    const dir = await makeTempDir();
    const before = await openLog(dir);
    const texts = ["Grüße aus Köln", "مرحبا، كيف يمكنني المساعدة؟", "thanks 👍🏽", "ascii"];
    await Promise.all(texts.map((text, i) => before.append("c_1", draft(`m${i}`, text))));
    await crash(before);

    const after = await openLog(dir);
    expect((await after.list("c_1", 0)).map((m) => m.text)).toEqual(texts);
  });

  it.each([
    ["half a line", (line: Buffer) => line.subarray(0, line.length >> 1)],
    ["a line whose checksum does not match", (line: Buffer) => Buffer.from(line.toString().replace("torn", "tore"))],
    ["zeros where a write did not reach the disk", () => Buffer.alloc(4096)],
  ])("cuts off %s at the end of a segment, keeps every whole line before it, and goes on numbering", async (_label, damage) => {
    const dir = await makeTempDir();
    const before = await openLog(dir);
    for (const id of ["m1", "m2", "m3"]) await before.append("c_1", draft(id));
    await crash(before);
    const [segment] = await segments(dir);
    const path = join(dir, "journal", segment!);
    const whole = (await stat(path)).size;
    const torn = encodeRecord({ id: "m4", conversationId: "c_1", seq: 4, author: "visitor", text: "torn", at: 1 });
    await appendFile(path, damage(torn));

    const after = await openLog(dir);
    expect(await ids(after)).toEqual(["m1:1", "m2:2", "m3:3"]);
    expect((await stat(path)).size).toBe(whole);
    expect((await after.append("c_1", draft("m4"))).message.seq).toBe(4);
    await after.close();
    expect(await ids(await openLog(dir))).toEqual(["m1:1", "m2:2", "m3:3", "m4:4"]);
  });

  it("loses and duplicates nothing when a crash comes between writing the chunk files and deleting the segments", async () => {
    const dir = await makeTempDir();
    const before = await openLog(dir);
    for (let i = 1; i <= 150; i++) await before.append("c_1", draft(`m${i}`));
    await before.append("c_2", draft("x1"));
    await crash(before);
    const kept = await segments(dir);
    await fsp.mkdir(join(dir, "kept"));
    for (const name of kept) await copyFile(join(dir, "journal", name), join(dir, "kept", name));
    const compacting = await openLog(dir);
    await compacting.close();
    expect(await readdir(join(dir, "journal"))).toEqual([]);
    expect((await readdir(join(dir, "messages", "c_1"))).sort()).toEqual(["000001.json", "000002.json"]);
    // The crash: the chunk files are written, the segments are back as if never deleted.
    for (const name of kept) await copyFile(join(dir, "kept", name), join(dir, "journal", name));

    const after = await openLog(dir);
    expect(await ids(after)).toEqual(Array.from({ length: 150 }, (_, i) => `m${i + 1}:${i + 1}`));
    expect(await ids(after, "c_2")).toEqual(["x1:1"]);
    expect(await after.append("c_1", draft("m7"))).toMatchObject({ message: { seq: 7 }, duplicate: true });
    expect((await after.append("c_1", draft("m151"))).message.seq).toBe(151);
    expect((await after.list("c_1", 148)).map((m) => m.id)).toEqual(["m149", "m150", "m151"]);
    await after.close();
    expect(await ids(await openLog(dir))).toEqual(Array.from({ length: 151 }, (_, i) => `m${i + 1}:${i + 1}`));
  });

  it("keeps the journal when compaction fails half way (disk full), and loses and duplicates nothing", async () => {
    const dir = await makeTempDir();
    const controlled = createControlledIo(dir);
    const log = await openLog(dir, controlled.io);
    for (const c of ["c_1", "c_2", "c_3"]) for (const id of ["m1", "m2"]) await log.append(c, draft(id));
    controlled.failWrites(/^messages\/c_2\//);
    await expect(log.compact()).rejects.toThrow(/ENOSPC/);
    expect(await segments(dir)).not.toEqual([]);
    expect((await log.append("c_2", draft("m3"))).message.seq).toBe(3);
    await log.close();
    expect(await segments(dir)).not.toEqual([]);

    const after = await openLog(dir);
    for (const c of ["c_1", "c_3"]) expect(await ids(after, c)).toEqual(["m1:1", "m2:2"]);
    expect(await ids(after, "c_2")).toEqual(["m1:1", "m2:2", "m3:3"]);
    await after.close();
    expect(await readdir(join(dir, "journal"))).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, "messages", "c_2", "000001.json"), "utf8"))).toHaveLength(3);
  });

  it.each([
    ["the write fails (disk full)", "ENOSPC", false],
    ["the write stops half way (disk full)", "ENOSPC", true],
    ["the synchronised write cannot reach the disk", "EIO", false],
  ])("answers an error when %s, stores nothing, and stores the retry once", async (_label, code, partly) => {
    const dir = await makeTempDir();
    let failing = false;
    const io: FileIo = {
      ...fsp,
      open: (async (path: string, flags: string | number) => {
        const handle = await fsp.open(path, flags);
        if (!String(path).endsWith(".log")) return handle;
        const fail = () => Object.assign(new Error(`${code}: injected`), { code });
        return Object.assign(Object.create(handle) as fsp.FileHandle, {
          // The journal's segments are opened with O_DSYNC: one write both writes and flushes, so both faults show there.
          write: async (data: Buffer, offset = 0, length = data.length - offset) => {
            if (failing && code === "ENOSPC" && partly) await handle.write(data, offset, length >> 1);
            if (failing) throw fail();
            return handle.write(data, offset, length);
          },
          datasync: async () => {
            if (failing) throw fail();
            return handle.datasync();
          },
          sync: async () => handle.sync(),
          truncate: (length: number) => handle.truncate(length),
          close: () => handle.close(),
        });
      }) as typeof fsp.open,
    };
    const log = await openLog(dir, io);
    await log.append("c_1", draft("m1"));
    failing = true;
    const refused = await Promise.allSettled([log.append("c_1", draft("m2")), log.append("c_2", draft("x1"))]);
    expect(refused.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await log.lastSeq("c_1")).toBe(1);
    failing = false;
    expect(await log.append("c_1", draft("m2"))).toMatchObject({ message: { seq: 2 }, duplicate: false });
    expect(await log.append("c_1", draft("m2"))).toMatchObject({ message: { seq: 2 }, duplicate: true });
    await crash(log);
    const after = await openLog(dir);
    expect(await ids(after)).toEqual(["m1:1", "m2:2"]);
    expect(await after.lastSeq("c_2")).toBe(0);
  });

  it("refuses to start on a whole record that contradicts the chunk files, naming the segment", async () => {
    const dir = await makeTempDir();
    const log = await openLog(dir);
    await log.append("c_1", draft("m1"));
    await log.close();
    await writeFile(join(dir, "journal", "000009.log"), encodeRecord({ id: "other", conversationId: "c_1", seq: 1, author: "visitor", text: "x", at: 1 }));
    await expect(openLog(dir)).rejects.toThrow(`${join(dir, "journal", "000009.log")} holds a record that disagrees`);
  });
});

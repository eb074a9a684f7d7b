import * as fsp from "node:fs/promises";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openMessageLog } from "../../server/store/lowdb-messages.js";
import { draft } from "./fixtures.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

afterEach(() => removeTempDirs());

describe("lowdb message log with a small cache", () => {
  it("reloads a conversation dropped from the cache and still recognises its message ids", async () => {
    const dir = join(await makeTempDir(), "messages");
    const log = openMessageLog(dir, fsp, 2);
    await log.append("c_1", draft("m1"));
    await log.append("c_1", draft("m2"));
    await log.append("c_2", draft("x"));
    await log.append("c_3", draft("y"));
    expect(await log.append("c_1", draft("m1"))).toMatchObject({ message: { seq: 1, text: "text of m1" }, duplicate: true });
    expect((await log.append("c_1", draft("m3"))).message.seq).toBe(3);
    await log.idle();
  });

  it.each([
    [1, ["c_1/000001.json"]],
    [2, []],
  ])("with room for %i conversation(s), re-reads from disk only conversations dropped from the cache", async (cached, rereads) => {
    const dir = join(await makeTempDir(), "messages");
    const reads: string[] = [];
    const io = { ...fsp, readFile: ((path: string, options: "utf8") => (reads.push(relative(dir, path)), fsp.readFile(path, options))) as typeof fsp.readFile };
    const log = openMessageLog(dir, io, cached);
    for (let i = 1; i <= 3; i++) await log.append("c_1", draft(`m${i}`));
    await log.append("c_2", draft("x"));
    reads.length = 0;
    expect(await log.lastSeq("c_1")).toBe(3);
    expect(reads).toEqual(rereads);
    expect((await log.append("c_1", draft("m4"))).message.seq).toBe(4);
  });
});

import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptFileError, openLowdbStore, StoreLockedError } from "../../server/store/lowdb.js";
import { draft, session } from "./fixtures.js";
import { useLowdbStores } from "./lowdb-stores.js";
import { makeTempDir } from "./temp-dir.js";

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

const openStore = useLowdbStores();

const exists = async (path: string) => readFile(path).then(() => true, () => false);

describe("lowdb store: corrupt and missing files", () => {
  const contents: [string, Buffer][] = [
    ["an empty file", Buffer.alloc(0)],
    ["truncated JSON", Buffer.from('{"a_alex":{"id":"a_alex","email":"al')],
    ["NUL bytes", Buffer.alloc(4096)],
    ["JSON null", Buffer.from("null")],
    ["a JSON array instead of records", Buffer.from("[]")],
  ];
  const files = ["agents.json", "sessions.json", "conversations/3f.json", "visitors/00.json"];

  describe.each(files)("%s", (file) => {
    it.each(contents)("refuses to open with %s, names the file and leaves it byte-identical", async (_label, bytes) => {
      const dir = await makeTempDir();
      await mkdir(join(dir, file, ".."), { recursive: true });
      await writeFile(join(dir, file), bytes);
      const opening = openLowdbStore(dir, { lock: true });
      await expect(opening).rejects.toBeInstanceOf(CorruptFileError);
      await expect(opening).rejects.toThrow(`${join(dir, file)} `);
      await expect(opening).rejects.toThrow(/left untouched/);
      expect(await readFile(join(dir, file))).toEqual(bytes);
      expect(await exists(join(dir, "server.lock"))).toBe(false);
    });
  });

  it("says a file with invalid JSON is not valid JSON", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "sessions.json"), "{");
    await expect(openLowdbStore(dir, { lock: true })).rejects.toThrow(`${join(dir, "sessions.json")} is not valid JSON`);
  });

  it.each(contents)("rejects appends to a conversation whose chunk holds %s, leaves it alone, and serves the others", async (_l, bytes) => {
    const dir = await makeTempDir();
    const chunk = join(dir, "messages", "c_1", "000001.json");
    await mkdir(join(chunk, ".."), { recursive: true });
    await writeFile(chunk, bytes);
    const store = await openStore(dir);
    await expect(store.messages.append("c_1", draft("m1"))).rejects.toThrow(CorruptFileError);
    await expect(store.messages.list("c_1", 0)).rejects.toThrow(`${chunk} `);
    expect(await readFile(chunk)).toEqual(bytes);
    expect((await store.messages.append("c_2", draft("m1"))).message.seq).toBe(1);
  });

  it("starts empty without any files and writes valid JSON on the first write", async () => {
    const dir = join(await makeTempDir(), "new-data-dir");
    const store = await openStore(dir);
    expect(await store.agents.list()).toEqual([]);
    expect(await store.conversations.listOpen()).toEqual([]);
    await store.sessions.put(session());
    expect(JSON.parse(await readFile(join(dir, "sessions.json"), "utf8"))).toEqual({ [session().id]: session() });
  });

  it("removes temp files and lock staging directories left by a crashed process without reading them, and keeps a live writer's", async () => {
    const dir = await makeTempDir();
    const dead = deadPid();
    const leftovers = [`.agents.json.${dead}.0a1b.tmp`, `conversations/.3f.json.${dead}.0a1b.tmp`, `messages/c_1/.000001.json.${dead}.0a1b.tmp`];
    await mkdir(join(dir, "conversations"), { recursive: true });
    await mkdir(join(dir, "messages", "c_1"), { recursive: true });
    for (const name of leftovers) await writeFile(join(dir, name), '{"half-writ');
    const live = `.sessions.json.${process.pid}.0a1b.tmp`;
    await writeFile(join(dir, live), "{");
    // Staging directories of agents.json.lock holders: a dead process's, and one of an earlier process with our pid.
    for (const name of [`.agents.json.lock.${dead}.tokenofadeadprocess.staging`, `.agents.json.lock.${process.pid}.notheldbythisprocess.staging`]) {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, `.agents.json.${dead}.0a1b.tmp`), '{"half-writ');
    }

    const store = await openStore(dir);
    expect(await store.agents.list()).toEqual([]);
    expect(await store.messages.lastSeq("c_1")).toBe(0);
    expect(await readdir(join(dir, "conversations"))).toEqual([]);
    expect(await readdir(join(dir, "messages", "c_1"))).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([live]);
    expect((await readdir(dir)).filter((name) => name.endsWith(".staging"))).toEqual([]);
  });
});

describe("lowdb store: server.lock", () => {
  it("refuses a second server on the same directory, naming the pid, until the first closes", async () => {
    const dir = await makeTempDir();
    const first = await openLowdbStore(dir, { lock: true });
    expect(await readFile(join(dir, "server.lock"), "utf8")).toMatch(new RegExp(`^${process.pid} [A-Za-z0-9_-]+\\n$`));
    const second = openLowdbStore(dir, { lock: true });
    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toThrow(`another Parley server (pid ${process.pid}) is using DATA_DIR ${dir}`);
    await first.close();
    expect(await exists(join(dir, "server.lock"))).toBe(false);
    await openStore(dir);
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "server.lock"), `${deadPid()}\n`);
    await openStore(dir);
    expect(await readFile(join(dir, "server.lock"), "utf8")).toMatch(new RegExp(`^${process.pid} [A-Za-z0-9_-]+\\n$`));
  });

  it("takes over a lock with this process's pid that this process does not hold (a restarted container is pid 1 again)", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "server.lock"), `${process.pid}\n`);
    await openStore(dir);
    await expect(openLowdbStore(dir, { lock: true })).rejects.toBeInstanceOf(StoreLockedError);
  });

  it("lets the parley command (lock: false) open the directory beside a running server", async () => {
    const dir = await makeTempDir();
    await openStore(dir);
    const command = await openStore(dir, { lock: false });
    await command.close();
    expect(await exists(join(dir, "server.lock"))).toBe(true);
  });

  it("keeps the parley command (lock: false) away from the server's message journal", async () => {
    const dir = await makeTempDir();
    const server = await openStore(dir);
    await server.messages.append("c_1", draft("m1"));
    const journal = await readdir(join(dir, "journal"));
    const command = await openStore(dir, { lock: false });
    await expect(command.messages.append("c_1", draft("m2"))).rejects.toThrow(/only by the server that holds DATA_DIR/);
    await command.close();
    expect(await readdir(join(dir, "journal"))).toEqual(journal);
    expect((await server.messages.list("c_1", 0)).map((m) => m.id)).toEqual(["m1"]);
  });
});

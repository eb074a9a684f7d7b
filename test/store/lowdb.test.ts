import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuplicateEmailError } from "../../server/store/lowdb.js";
import { describeStoreContract } from "./contract.js";
import { createControlledIo } from "./controlled-io.js";
import { agent, conversation, draft, session, visitor } from "./fixtures.js";
import { lowdbHarness, useLowdbStores } from "./lowdb-stores.js";
import { makeTempDir } from "./temp-dir.js";

describeStoreContract("lowdb", lowdbHarness);

describe("lowdb store", () => {
  const openStore = useLowdbStores();

  it("keeps agents, visitors, conversations, sessions and messages across close and reopen", async () => {
    const dir = await makeTempDir();
    const first = await openStore(dir);
    await first.agents.put(agent());
    await first.visitors.put(visitor());
    await first.conversations.create(conversation());
    await first.sessions.put(session());
    const { message } = await first.messages.append("c_1", draft("m1"));
    await first.close();

    const second = await openStore(dir);
    expect(await second.agents.list()).toEqual([agent()]);
    expect(await second.visitors.get("v_1")).toEqual(visitor());
    expect(await second.conversations.listOpen()).toEqual([conversation()]);
    expect(await second.sessions.get(session().id)).toEqual(session());
    expect(await second.messages.list("c_1", 0)).toEqual([message]);
  });

  it("writes read markers lazily, yet keeps the latest one across close and reopen", async () => {
    const dir = await makeTempDir();
    const first = await openStore(dir);
    await first.conversations.create(conversation({ status: "assigned", assigneeId: "a_alex" }));
    for (let seq = 1; seq <= 50; seq++) await first.conversations.markRead("c_1", 0, seq);
    expect((await first.conversations.get("c_1"))?.agentReadSeq).toBe(50);
    await first.close();
    const second = await openStore(dir);
    expect((await second.conversations.get("c_1"))?.agentReadSeq).toBe(50);
    await second.close();
  });

  it("returns the original seq for a message id retried after a restart", async () => {
    const dir = await makeTempDir();
    const first = await openStore(dir);
    await first.messages.append("c_1", draft("m1"));
    await first.messages.append("c_1", draft("m2"));
    await first.close();

    const second = await openStore(dir);
    expect(await second.messages.append("c_1", draft("m1"))).toMatchObject({ message: { seq: 1 }, duplicate: true });
    expect(await second.messages.append("c_1", draft("m3"))).toMatchObject({ message: { seq: 3 }, duplicate: false });
  });

  it("keeps at most 100 messages per chunk file and lists across chunk boundaries", async () => {
    const dir = await makeTempDir();
    const store = await openStore(dir);
    for (let i = 1; i <= 250; i++) await store.messages.append("c_1", draft(`m${i}`));
    expect((await store.messages.list("c_1", 95, 10)).map((m) => m.seq)).toEqual([96, 97, 98, 99, 100, 101, 102, 103, 104, 105]);
    await store.close();
    const chunks = (await readdir(join(dir, "messages", "c_1"))).sort();
    expect(chunks).toEqual(["000001.json", "000002.json", "000003.json"]);
    const sizes = await Promise.all(chunks.map(async (f) => JSON.parse(await readFile(join(dir, "messages", "c_1", f), "utf8")).length));
    expect(sizes).toEqual([100, 100, 50]);
    const reopened = await openStore(dir);
    expect((await reopened.messages.list("c_1", 95, 10)).map((m) => m.seq)).toEqual([96, 97, 98, 99, 100, 101, 102, 103, 104, 105]);
    expect((await reopened.messages.list("c_1", 0)).map((m) => m.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect((await reopened.messages.append("c_1", draft("m150"))).message.seq).toBe(150);
  });

  it("acks an append after one journal line and its fdatasync; compaction later rewrites only the conversation's last chunk", async () => {
    const dir = await makeTempDir();
    const first = await openStore(dir);
    for (let i = 1; i <= 150; i++) await first.messages.append("c_1", draft(`m${i}`));
    await first.messages.append("c_2", draft("other"));
    await first.close();
    const controlled = createControlledIo(dir);
    const store = await openStore(dir, { lock: true, io: controlled.io });
    controlled.calls.length = 0;
    await store.messages.append("c_1", draft("m151"));
    expect(controlled.calls.filter((c) => /^(write|sync|datasync|rename) /.test(c))).toEqual(["write journal/000001.log", "datasync journal/000001.log"]);
    controlled.calls.length = 0;
    await store.close();
    const renamed = controlled.calls.filter((c) => c.startsWith("rename "));
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatch(/^rename messages\/c_1\/\.000002\.json\.\d+\.[0-9a-f]+\.tmp messages\/c_1\/000002\.json$/);
    expect(await readdir(join(dir, "journal"))).toEqual([]);
  });

  it("continues numbering after a restart in a conversation with several chunks", async () => {
    const dir = await makeTempDir();
    const first = await openStore(dir);
    for (let i = 1; i <= 205; i++) await first.messages.append("c_1", draft(`m${i}`));
    await first.close();
    const second = await openStore(dir);
    expect(await second.messages.lastSeq("c_1")).toBe(205);
    expect((await second.messages.last("c_1"))?.id).toBe("m205");
    expect((await second.messages.append("c_1", draft("m10"))).message.seq).toBe(10);
    expect((await second.messages.append("c_1", draft("m206"))).message.seq).toBe(206);
  });

  it.each(["../escape", "a/b", "", "x".repeat(65), "c.1", "c_1\u0000"])(
    "rejects the conversation id %j, which could leave the data directory, and writes nothing",
    async (id) => {
      const parent = await makeTempDir();
      const dir = join(parent, "data");
      const store = await openStore(dir);
      await expect(store.messages.append(id, draft("m1"))).rejects.toThrow(/invalid conversation id/);
      await expect(store.messages.list(id, 0)).rejects.toThrow(/invalid conversation id/);
      await expect(store.messages.lastSeq(id)).rejects.toThrow(/invalid conversation id/);
      expect(await readdir(join(dir, "messages"))).toEqual([]);
      expect(await readdir(dirname(dir))).toEqual(["data"]);
    },
  );

  it("stores agent emails lower-cased", async () => {
    const dir = await makeTempDir();
    const store = await openStore(dir);
    await store.agents.put(agent({ email: "Alex@Example.COM" }));
    expect((await store.agents.get("a_alex"))?.email).toBe("alex@example.com");
    expect(await readFile(join(dir, "agents.json"), "utf8")).toContain('"alex@example.com"');
  });

  it("refuses a second agent with the same email in another case and keeps the first", async () => {
    const dir = await makeTempDir();
    const store = await openStore(dir);
    await store.agents.put(agent());
    await expect(store.agents.put(agent({ id: "a_other", email: "ALEX@example.com" }))).rejects.toBeInstanceOf(DuplicateEmailError);
    expect(await store.agents.list()).toEqual([agent()]);
  });
});

import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeSelfServiceContract } from "./selfservice-contract.js";
import { email, feedback, official, ticketDraft, ticketMessage } from "./selfservice-fixtures.js";
import { lowdbHarness, useLowdbStores } from "./lowdb-stores.js";
import { makeTempDir } from "./temp-dir.js";

describeSelfServiceContract("lowdb", lowdbHarness);

describe("lowdb self-service files", () => {
  const openStore = useLowdbStores();

  it("keeps tickets, threads, feedback, the mail queue and officials across close and reopen, and numbers on", async () => {
    const dir = await makeTempDir();
    const first = await openStore(dir);
    await first.tickets.create(ticketDraft());
    await first.ticketMessages.append("t_a", ticketMessage("m1"));
    await first.feedback.put(feedback());
    await first.mailQueue.put(email());
    await first.officials.put(official());
    await first.close();

    const second = await openStore(dir);
    expect((await second.tickets.get("t_a"))?.number).toBe(1001);
    expect(await second.ticketMessages.list("t_a")).toEqual([ticketMessage("m1")]);
    expect(await second.feedback.list()).toEqual([feedback()]);
    expect(await second.mailQueue.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([email()]);
    expect(await second.officials.list()).toEqual([official()]);
    expect((await second.tickets.create(ticketDraft({ id: "t_b" }))).number).toBe(1002);
  });

  it("writes each ticket's thread to its own file, never one file for all", async () => {
    const dir = await makeTempDir();
    const store = await openStore(dir);
    await store.ticketMessages.append("t_a", ticketMessage("m1"));
    await store.ticketMessages.append("t_b", ticketMessage("m2"));
    expect((await readdir(join(dir, "ticket-messages"))).sort()).toEqual(["t_a.json", "t_b.json"]);
  });

  it.each(["../escape", "a/b", "", "t.1", "t_1\u0000"])("refuses the ticket id %j for a thread file and writes nothing", async (id) => {
    const dir = await makeTempDir();
    const store = await openStore(dir);
    await expect(store.ticketMessages.append(id, ticketMessage("m1"))).rejects.toThrow(/invalid ticket id/);
    expect(await readdir(join(dir, "ticket-messages"))).toEqual([]);
  });

  it("sees official accounts another process (the parley command) added and removed meanwhile", async () => {
    const dir = await makeTempDir();
    const server = await openStore(dir);
    const cli = await openStore(dir, { lock: false });
    expect(await server.officials.list()).toEqual([]);
    await cli.officials.put(official());
    expect(await server.officials.list()).toEqual([official()]);
    await server.officials.put(official({ id: "o_2", handle: "@ParleyNews", key: "telegram:parleynews" }));
    expect((await cli.officials.list()).map((o) => o.id).sort()).toEqual(["o_1", "o_2"]);
    await cli.officials.remove("o_1");
    expect((await server.officials.list()).map((o) => o.id)).toEqual(["o_2"]);
    expect(JSON.parse(await readFile(join(dir, "officials.json"), "utf8"))).toHaveProperty("o_2");
  });
});

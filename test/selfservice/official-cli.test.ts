// `parley official …` as a person runs it, with and without a running server.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { VerifyResultView } from "../../server/protocol/selfservice.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { buildCli, type BuiltCli } from "../cli/run-cli.js";
import type { TestServer } from "../helpers/server.js";
import { makeTempDir, removeTempDirs } from "../store/temp-dir.js";
import { startServer } from "./setup.js";
import { waitFor } from "./helpers.js";

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());
afterEach(() => removeTempDirs());

describe("parley official", () => {
  it("adds, lists (table and JSON) and removes official accounts by id or by channel and handle", async () => {
    const dir = await makeTempDir();
    const added = await cli.run(["official", "add", "--channel", "Telegram", "--handle", "@ParleySupport", "--note", "Main support", "--data-dir", dir]);
    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toMatch(/Telegram\s+@ParleySupport\s+Main support\s+o_/);
    expect((await cli.run(["official", "add", "--channel", "x", "--handle", "https://x.com/ParleyExchange", "--data-dir", dir])).code).toBe(0);

    const listed = await cli.run(["official", "list", "--json", "--data-dir", dir]);
    const accounts = JSON.parse(listed.stdout) as { id: string; channel: string; handle: string; note: string | null }[];
    expect(accounts.map((a) => [a.channel, a.handle, a.note])).toEqual([
      ["telegram", "@ParleySupport", "Main support"],
      ["x", "https://x.com/ParleyExchange", null],
    ]);
    const table = await cli.run(["official", "list", "--data-dir", dir]);
    expect(table.stdout.split("\n")[0]).toMatch(/^CHANNEL\s+HANDLE\s+NOTE\s+ID$/);

    expect((await cli.run(["official", "remove", "--channel", "telegram", "--handle", "t.me/parleysupport", "--data-dir", dir])).code).toBe(0);
    expect((await cli.run(["official", "remove", "--id", accounts[1]!.id, "--data-dir", dir])).code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, "officials.json"), "utf8"))).toEqual({});
    expect((await cli.run(["official", "list", "--data-dir", dir])).stdout).toMatch(/No official accounts yet/);
  });

  it("refuses a duplicate (in another form) with exit code 1 and an unknown one to remove", async () => {
    const dir = await makeTempDir();
    await cli.run(["official", "add", "--channel", "telegram", "--handle", "@ParleySupport", "--data-dir", dir]);
    const again = await cli.run(["official", "add", "--channel", "telegram", "--handle", "https://t.me/PARLEYSUPPORT", "--data-dir", dir]);
    expect(again).toMatchObject({ code: 1, stderr: "parley: https://t.me/PARLEYSUPPORT is already registered on Telegram (see parley official list)\n" });
    const missing = await cli.run(["official", "remove", "--id", "o_nothing", "--data-dir", dir]);
    expect(missing).toMatchObject({ code: 1, stderr: "parley: no such official account (see parley official list)\n" });
  });

  it.each([
    ["a missing official command", ["official"], /missing the official command: add, list or remove/],
    ["an unknown official command", ["official", "delete"], /unknown official command "delete" \(use add, list or remove\)/],
    ["no handle", ["official", "add", "--channel", "telegram"], /official add needs --handle/],
    ["an unknown channel", ["official", "add", "--channel", "myspace", "--handle", "@x"], /--channel: unknown channel "myspace"/],
    ["a URL of another channel", ["official", "add", "--channel", "telegram", "--handle", "https://x.com/Parley"], /--handle: "https:\/\/x.com\/Parley" is a X address, not Telegram/],
    ["a handle with a line break", ["official", "add", "--channel", "telegram", "--handle", "@a\nb"], /--handle: the handle must be 1 to 200 characters without control characters/],
    ["a long note", ["official", "add", "--channel", "x", "--handle", "@p", "--note", "n".repeat(501)], /--note: the note must be one line of at most 500 characters/],
    ["remove with nothing", ["official", "remove"], /official remove needs --id, or --channel with --handle/],
    ["remove with both", ["official", "remove", "--id", "o_1", "--channel", "x", "--handle", "@p"], /official remove takes --id, or --channel with --handle, not both/],
    ["an option of another command", ["official", "list", "--email", "a@b.c"], /official list does not take --email/],
  ])("exits 2 with one clear line for %s, and writes nothing", async (_what, args, message) => {
    const dir = await makeTempDir();
    const result = await cli.run([...args, "--data-dir", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes extra channels from OFFICIAL_CHANNELS_EXTRA", async () => {
    const dir = await makeTempDir();
    const result = await cli.run(["official", "add", "--channel", "matrix", "--handle", "@parley:matrix.org", "--data-dir", dir], { env: { OFFICIAL_CHANNELS_EXTRA: "matrix" } });
    expect(result.code).toBe(0);
  });
});

describe("parley official beside a running server", () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it("is picked up by /api/verify at once, and its removal too", async () => {
    const dir = await makeTempDir();
    const store = await openLowdbStore(dir, { lock: true });
    server = await startServer({ store });
    const verify = async (q: string) => (await (await fetch(`${server!.url}/api/verify?q=${encodeURIComponent(q)}`)).json()) as VerifyResultView;
    expect((await verify("@ParleySupport")).official).toBe(false);
    expect((await cli.run(["official", "add", "--channel", "telegram", "--handle", "@ParleySupport", "--data-dir", dir])).code).toBe(0);
    await waitFor(async () => (await verify("t.me/ParleySupport")).official);
    const admin = await cli.run(["official", "list", "--json", "--data-dir", dir]);
    const [account] = JSON.parse(admin.stdout) as { id: string }[];
    expect((await cli.run(["official", "remove", "--id", account!.id, "--data-dir", dir])).code).toBe(0);
    await waitFor(async () => !(await verify("@ParleySupport")).official);
  });
});

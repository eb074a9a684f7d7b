import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { makeTempDir, removeTempDirs } from "../store/temp-dir.js";
import { buildCli, type BuiltCli } from "./run-cli.js";

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());
afterEach(() => removeTempDirs());

const stored = async (dir: string) => {
  const store = await openLowdbStore(dir, { lock: false });
  try {
    return await store.canned.list();
  } finally {
    await store.close();
  }
};

describe("parley canned", () => {
  it("adds, lists, updates and removes shared and personal responses", { timeout: 60_000 }, async () => {
    const dir = await makeTempDir();
    const run = (...args: string[]) => cli.run([...args, "--data-dir", dir], { stdin: "a-long-password\n" });
    expect((await run("agent", "add", "--email", "mia@example.com", "--name", "Mia", "--languages", "en,de", "--password-stdin")).code).toBe(0);
    expect(await run("canned", "add", "--shortcut", "/Refund", "--language", "en", "--text", "Refunds take 3 to 5 days.")).toMatchObject({ code: 0, stderr: "" });
    expect((await run("canned", "add", "--shortcut", "gruss", "--language", "de", "--text", "Viele Grüße", "--agent", "mia@example.com")).code).toBe(0);
    const listed = await run("canned", "list");
    expect(listed.stdout).toMatch(/de\s+\/gruss\s+mia@example\.com\s+Viele Grüße/);
    expect(listed.stdout).toMatch(/en\s+\/refund\s+shared\s+Refunds take 3 to 5 days\./);
    expect((await run("canned", "update", "--shortcut", "refund", "--language", "en", "--text", "Refunds take a week.")).code).toBe(0);
    expect((await stored(dir)).find((r) => r.shortcut === "refund")).toMatchObject({ ownerId: null, text: "Refunds take a week." });
    const duplicate = await run("canned", "add", "--shortcut", "refund", "--language", "en", "--text", "Again");
    expect(duplicate).toMatchObject({ code: 1, stderr: expect.stringContaining("already used") });
    expect((await run("canned", "remove", "--shortcut", "gruss", "--language", "de", "--agent", "mia@example.com")).code).toBe(0);
    expect((await stored(dir)).map((r) => r.shortcut)).toEqual(["refund"]);
    expect((await run("canned", "remove", "--shortcut", "gruss", "--language", "de")).code).toBe(1);
  });

  it.each([
    [["canned", "add", "--shortcut", "two words", "--language", "en", "--text", "x"], /--shortcut/],
    [["canned", "add", "--shortcut", "a", "--language", "xx", "--text", "x"], /--language/],
    [["canned", "add", "--shortcut", "a", "--language", "en"], /needs --text/],
    [["canned", "add", "--shortcut", "a", "--language", "en", "--text", "  "], /--text/],
  ])("refuses %j with exit code 2", async (args, message) => {
    const dir = await makeTempDir();
    const result = await cli.run([...args, "--data-dir", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

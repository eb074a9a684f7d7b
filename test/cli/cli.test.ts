import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/password.js";
import { openLowdbStore } from "../../server/store/lowdb.js";
import type { AgentRecord, Store } from "../../server/store/port.js";
import { makeTempDir, removeTempDirs } from "../store/temp-dir.js";
import { buildCli, type BuiltCli } from "./run-cli.js";

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await removeTempDirs();
});

const PASSWORD = "a-long-password";
const addArgs = (dir: string, email = "jonas@example.com") =>
  ["agent", "add", "--email", email, "--name", "Jonas", "--languages", "de,en", "--password-stdin", "--data-dir", dir];
const storedAgents = async (dir: string): Promise<Record<string, AgentRecord>> =>
  JSON.parse(await readFile(join(dir, "agents.json"), "utf8"));

describe("parley agent", () => {
  it("adds, lists, updates and removes an agent", async () => {
    const dir = await makeTempDir();
    const added = await cli.run(addArgs(dir, "Jonas@Example.com"), { stdin: `${PASSWORD}\n` });
    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toMatch(/jonas@example\.com\s+Jonas\s+de,en\s+3\s+agent/);
    expect(added.stdout).not.toContain("scrypt");
    const [stored] = Object.values(await storedAgents(dir));
    expect(stored!.id).toMatch(/^a_[A-Za-z0-9_-]{16}$/);
    expect(await verifyPassword(PASSWORD, stored!.passwordHash)).toBe(true);

    const listed = await cli.run(["agent", "list", "--json", "--data-dir", dir]);
    expect(listed.code).toBe(0);
    const { passwordHash: _hash, ...visible } = stored!;
    expect(JSON.parse(listed.stdout)).toEqual([visible]);

    const args = ["agent", "update", "--email", "jonas@example.com", "--name", "Jonas B.", "--max-chats", "5", "--role", "supervisor"];
    expect((await cli.run([...args, "--data-dir", dir])).code).toBe(0);
    const table = await cli.run(["agent", "list", "--data-dir", dir]);
    expect(table.stdout.split("\n")[0]).toMatch(/^EMAIL\s+NAME\s+LANGUAGES\s+MAX CHATS\s+ROLE\s+SHIFTS$/);
    expect(table.stdout).toMatch(/jonas@example\.com\s+Jonas B\.\s+de,en\s+5\s+supervisor/);

    const changed = await cli.run(["agent", "update", "--email", "jonas@example.com", "--password-stdin", "--data-dir", dir], { stdin: "another-password\n" });
    expect(changed.code).toBe(0);
    const [updated] = Object.values(await storedAgents(dir));
    expect(await verifyPassword("another-password", updated!.passwordHash)).toBe(true);
    expect(await verifyPassword(PASSWORD, updated!.passwordHash)).toBe(false);

    expect(await cli.run(["agent", "remove", "--email", "JONAS@example.com", "--data-dir", dir])).toMatchObject({ code: 0 });
    expect(await storedAgents(dir)).toEqual({});
  });

  it("keeps an agent's time zone and shifts (repeatable, crossing midnight), and clears them with --shift none", async () => {
    const dir = await makeTempDir();
    const args = [...addArgs(dir), "--timezone", "Europe/Berlin", "--shift", "Mon-Fri 08:00-16:00", "--shift", "Sun-Thu 22:00-06:00"];
    expect((await cli.run(args, { stdin: `${PASSWORD}\n` })).code).toBe(0);
    let [stored] = Object.values(await storedAgents(dir));
    expect(stored).toMatchObject({ timeZone: "Europe/Berlin", shifts: ["Mon,Tue,Wed,Thu,Fri 08:00-16:00", "Sun,Mon,Tue,Wed,Thu 22:00-06:00"] });
    const listed = await cli.run(["agent", "list", "--data-dir", dir]);
    expect(listed.stdout).toContain("(Europe/Berlin)");
    expect((await cli.run(["agent", "update", "--email", "jonas@example.com", "--shift", "none", "--data-dir", dir])).code).toBe(0);
    [stored] = Object.values(await storedAgents(dir));
    expect(stored!.shifts).toEqual([]);
  });

  it("disables an agent with --disabled (shown in the list) and enables them with --enabled", { timeout: 60_000 }, async () => {
    const dir = await makeTempDir();
    expect((await cli.run(addArgs(dir), { stdin: `${PASSWORD}\n` })).code).toBe(0);
    const update = (flag: string) => cli.run(["agent", "update", "--email", "jonas@example.com", flag, "--data-dir", dir]);
    expect((await update("--disabled")).code).toBe(0);
    expect(Object.values(await storedAgents(dir))[0]!.disabled).toBe(true);
    expect((await cli.run(["agent", "list", "--data-dir", dir])).stdout).toMatch(/agent \(disabled\)/);
    expect((await update("--enabled")).code).toBe(0);
    expect(Object.values(await storedAgents(dir))[0]!.disabled).toBeUndefined();
  });

  it("takes the data directory from DATA_DIR, and --data-dir over it", async () => {
    const fromEnv = await makeTempDir();
    const fromFlag = await makeTempDir();
    const args = ["agent", "add", "--email", "a@example.com", "--name", "A", "--languages", "en", "--password-stdin"];
    expect((await cli.run(args, { stdin: PASSWORD, env: { DATA_DIR: fromEnv } })).code).toBe(0);
    expect((await cli.run([...args, "--data-dir", fromFlag], { stdin: PASSWORD, env: { DATA_DIR: fromEnv } })).code).toBe(0);
    expect(Object.keys(await storedAgents(fromEnv))).toHaveLength(1);
    expect(Object.keys(await storedAgents(fromFlag))).toHaveLength(1);
  });

  it("adds an agent while a server has the data directory open, and the server sees it", async () => {
    const dir = await makeTempDir();
    const server = await openLowdbStore(dir, { lock: true });
    stores.push(server);
    const before = await server.agents.version();
    expect((await cli.run(addArgs(dir), { stdin: PASSWORD })).code).toBe(0);
    expect(await server.agents.version()).not.toBe(before);
    expect((await server.agents.getByEmail("jonas@example.com"))?.name).toBe("Jonas");
  });

  it("refuses a second agent with the same email and exits 1", async () => {
    const dir = await makeTempDir();
    await cli.run(addArgs(dir), { stdin: PASSWORD });
    const before = await readFile(join(dir, "agents.json"));
    const again = await cli.run(addArgs(dir, "JONAS@example.com"), { stdin: PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe("parley: an agent with the email jonas@example.com already exists\n");
    expect(await readFile(join(dir, "agents.json"))).toEqual(before);
  });

  it.each([
    ["update", ["agent", "update", "--email", "nobody@example.com", "--name", "X"]],
    ["remove", ["agent", "remove", "--email", "nobody@example.com"]],
  ])("exits 1 when asked to %s an agent that does not exist", async (_label, args) => {
    const dir = await makeTempDir();
    const result = await cli.run([...args, "--data-dir", dir]);
    expect(result).toMatchObject({ code: 1, stderr: "parley: no agent with the email nobody@example.com (see parley agent list)\n" });
  });

  it.each([[[]], [["help"]], [["--help"]], [["agent", "list", "-h"]]])("prints the usage for %j and exits 0", async (args) => {
    const result = await cli.run(args);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: parley <command> [options]");
    expect(result.stdout).toContain("--password-stdin");
  });
});

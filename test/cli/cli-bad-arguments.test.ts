import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { makeTempDir, removeTempDirs } from "../store/temp-dir.js";
import { buildCli, type BuiltCli } from "./run-cli.js";

let cli: BuiltCli;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.remove());

const SECRET = "hunter2-hunter2";
const add = ["agent", "add", "--email", "new@example.com", "--name", "New", "--languages", "en"];
const update = ["agent", "update", "--email", "jonas@example.com"];

/** [what is wrong, arguments, standard input, what the message must say]. */
const cases: [string, string[], string, RegExp][] = [
  ["an unknown command", ["agents", "list"], "", /unknown command "agents"/],
  ["an unknown agent command", ["agent", "delete", "--email", "jonas@example.com"], "", /unknown agent command "delete" \(use add, update, list or remove\)/],
  ["a missing agent command", ["agent"], "", /missing the agent command/],
  ["an unknown option", ["agent", "list", "--all"], "", /unknown option --all/],
  ["an option of another command", ["agent", "remove", "--email", "jonas@example.com", "--name", "X"], "", /agent remove does not take --name/],
  ["an extra argument", ["agent", "list", "everything"], "", /unexpected argument "everything"/],
  ["a missing value", [...add, "--password-stdin", "--role"], SECRET, /--role needs a value/],
  ["a missing value followed by an option", ["agent", "add", "--email", "--name", "New", "--languages", "en", "--password-stdin"], SECRET, /--email needs a value/],
  ["a value for a flag", ["agent", "list", "--json=yes"], "", /--json does not take a value/],
  ["a missing required option", ["agent", "add", "--email", "new@example.com", "--languages", "en", "--password-stdin"], SECRET, /agent add needs --name/],
  ["a bad email", ["agent", "add", "--email", "new.example.com", "--name", "New", "--languages", "en", "--password-stdin"], SECRET, /--email: "new.example.com" is not an email address/],
  ["an unknown language", [...add, "--languages", "en,xx", "--password-stdin"], SECRET, /--languages: unknown language "xx"/],
  ["a language not configured", [...add, "--languages", "fr", "--password-stdin"], SECRET, /--languages: "fr" is not a configured language \(configured: en, de\)/],
  ["an empty language list", [...update, "--languages", ","], "", /--languages must list at least one language/],
  ["a non-numeric max-chats", [...update, "--max-chats", "three"], "", /--max-chats must be a whole number from 1 to 50, got "three"/],
  ["max-chats 0", [...update, "--max-chats", "0"], "", /--max-chats must be a whole number from 1 to 50/],
  ["max-chats 51", [...update, "--max-chats", "51"], "", /--max-chats must be a whole number from 1 to 50/],
  ["a fractional max-chats", [...update, "--max-chats", "2.5"], "", /--max-chats must be a whole number/],
  ["an unknown role", [...update, "--role", "owner"], "", /--role must be one of agent, supervisor, admin, got "owner"/],
  ["an empty name", [...update, "--name", "  "], "", /--name must be 1 to 100 characters/],
  ["a password on the command line", [...add, "--password", SECRET], "", /--password is not accepted .* --password-stdin/],
  ["a password on the command line with =", [...add, `--password=${SECRET}`], "", /--password is not accepted/],
  ["no --password-stdin on add", add, SECRET, /agent add needs --password-stdin \(the password is read from standard input\)/],
  ["an empty standard input", [...add, "--password-stdin"], "", /no password on standard input/],
  ["an empty first line", [...add, "--password-stdin"], `\n${SECRET}\n`, /no password on standard input/],
  ["a short password", [...add, "--password-stdin"], "short\n", /the password must be at least 8 characters/],
  ["an update with nothing to change", update, "", /nothing to change/],
  ["--disabled with --enabled", [...update, "--disabled", "--enabled"], "", /give --disabled or --enabled, not both/],
  ["an unknown time zone", [...update, "--timezone", "Mars/Olympus"], "", /--timezone: "Mars\/Olympus" is not a time zone/],
  ["a shift without times", [...update, "--shift", "Mon-Fri"], "", /--shift: "Mon-Fri" is not a shift/],
  ["a shift with unknown days", [...update, "--shift", "Funday 08:00-16:00"], "", /--shift: "Funday" is not a list of days/],
  ["an empty shift", [...update, "--shift", "Mon 08:00-08:00"], "", /--shift: .* is empty/],
];

describe("parley with bad arguments", () => {
  let dir: string;
  let files: { agents: Buffer; names: string[] };
  beforeEach(async () => {
    dir = await makeTempDir();
    const added = await cli.run(["agent", "add", "--email", "jonas@example.com", "--name", "Jonas", "--languages", "de", "--password-stdin", "--data-dir", dir], { stdin: "a-long-password" });
    expect(added.code).toBe(0);
    files = { agents: await readFile(join(dir, "agents.json")), names: (await readdir(dir)).sort() };
  });
  afterEach(() => removeTempDirs());

  it.each(cases)("exits 2 with one clear line on %s and changes nothing", async (_label, args, stdin, message) => {
    const result = await cli.run([...args, "--data-dir", dir], { stdin, env: { LANGUAGES: "en,de" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^parley: [^\n]+; see "parley help"\n$/);
    expect(result.stderr).not.toContain(SECRET);
    expect(await readFile(join(dir, "agents.json"))).toEqual(files.agents);
    expect((await readdir(dir)).sort()).toEqual(files.names);
  });

  it("exits 2 on an empty --data-dir", async () => {
    const result = await cli.run(["agent", "list", "--data-dir", ""]);
    expect(result).toMatchObject({ code: 2, stderr: 'parley: --data-dir needs a directory; see "parley help"\n' });
  });

  it("exits 2 naming the variable when LANGUAGES itself is bad", async () => {
    const result = await cli.run(["agent", "list", "--data-dir", dir], { env: { LANGUAGES: "en,klingon" } });
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/^parley: configuration error: LANGUAGES: unknown language "klingon"/) });
  });
});

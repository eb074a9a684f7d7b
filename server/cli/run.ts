// Runs one `parley` command line and says how it ended: 0 done, 1 failed, 2 bad arguments.
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../config.js";
import { openLowdbStore } from "../store/lowdb.js";
import { connectRedis } from "../store/redis-client.js";
import { createRedisStore } from "../store/redis.js";
import { addAgent, CommandError, listAgents, removeAgent, updateAgent, type AgentCommand } from "./agent-commands.js";
import { parseCommand, USAGE, UsageError, type Command } from "./args.js";
import { addCanned, listCanned, removeCanned, updateCanned } from "./canned-commands.js";
import { addOfficial, listOfficials, removeOfficial, type OfficialCommandDeps } from "./official-commands.js";
import { readFirstLine } from "./read-password.js";

/** The process the command runs in. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

// Each command takes what it needs from one set of dependencies.
const COMMANDS: Record<Exclude<Command, "help">, (deps: Parameters<AgentCommand>[0] & OfficialCommandDeps) => ReturnType<AgentCommand>> = {
  "agent add": addAgent,
  "agent update": updateAgent,
  "agent list": listAgents,
  "agent remove": removeAgent,
  "official add": addOfficial,
  "official remove": removeOfficial,
  "official list": listOfficials,
  "canned add": addCanned,
  "canned update": updateCanned,
  "canned remove": removeCanned,
  "canned list": listCanned,
};

/** Runs `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string, code: number) => {
    io.stderr.write(`parley: ${message}${code === 2 ? '; see "parley help"' : ""}\n`);
    return code;
  };
  try {
    const { command, options } = parseCommand(argv);
    if (command === "help") return void io.stdout.write(USAGE), 0;
    // Only what the command uses: an unrelated bad variable (PORT, PUBLIC_URL…) must not stop it.
    const config = loadConfig({
      DATA_DIR: io.env.DATA_DIR,
      LANGUAGES: io.env.LANGUAGES,
      DEFAULT_MAX_CHATS: io.env.DEFAULT_MAX_CHATS,
      OFFICIAL_CHANNELS_EXTRA: io.env.OFFICIAL_CHANNELS_EXTRA,
      REDIS_URL: io.env.REDIS_URL,
    });
    const dataDir = options["data-dir"] === undefined ? config.dataDir : resolve(options["data-dir"]);
    const act = await COMMANDS[command]({
      config,
      options,
      readPassword: () => {
        // Typed at a terminal the password is echoed; say where it is expected rather than seem to hang.
        if (io.stdin.isTTY) io.stderr.write("Password (first line of standard input; piping it in keeps it off the screen): ");
        return readFirstLine(io.stdin);
      },
      print: (text) => void io.stdout.write(`${text}\n`),
      now: Date.now,
    });
    // With REDIS_URL the nodes' shared store; running nodes hear of the change at once (Redis pub/sub).
    const store = config.redisUrl
      ? createRedisStore(connectRedis(config.redisUrl, { retryStrategy: () => null, lazyConnect: false }))
      : await openLowdbStore(dataDir, { lock: false });
    try {
      await act(store);
    } finally {
      await store.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, 2);
    if (error instanceof ConfigError) return fail(`configuration error: ${error.message}`, 2);
    if (error instanceof CommandError) return fail(error.message, 1);
    return fail((error as Error).message ?? String(error), 1);
  }
}

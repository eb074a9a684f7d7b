// The `parley` command line: which command, which options, and a clear message for anything else.
import { parseArgs } from "node:util";

/** Bad command-line input: the message says what is wrong; the command exits with code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** What `parley help` prints. */
export const USAGE = `Usage: parley <command> [options]

Commands:
  agent add --email E --name N --languages en,de [--max-chats 3] [--role agent|supervisor|admin]
            [--timezone Europe/Berlin] [--shift "Mon-Fri 08:00-16:00" …] --password-stdin
      Add an agent. The password is the first line of standard input (at least 8 characters), e.g.
      echo 'a-long-password' | parley agent add --email jonas@example.com --name Jonas --languages de,en --password-stdin
  agent update --email E [--name N] [--languages …] [--max-chats N] [--role …] [--timezone TZ] [--shift S …] [--password-stdin]
               [--disabled | --enabled]
      Change an agent; only the options given change. --disabled stops the agent signing in and ends their
      sessions (a running server drops their connections within a second); --enabled lets them sign in again. --shift may be repeated; --shift none clears the
      schedule (an agent with no shifts is always on shift). Shifts are in the agent's --timezone (default UTC),
      may cross midnight ("Sun-Thu 22:00-06:00"), and days are Mon…Sun, ranges like Mon-Fri, or Daily.
  agent list [--json]
      Show all agents (--json: a JSON array, without password hashes).
  agent remove --email E
      Delete an agent.
  official add --channel C --handle H [--note N]
      Register an official account, e.g. parley official add --channel telegram --handle @ParleySupport
      (channels: email, telegram, x, discord, instagram, facebook, youtube, tiktok, linkedin, reddit, whatsapp
      and OFFICIAL_CHANNELS_EXTRA; the handle may be @name, a profile URL, an email address or a phone number).
  official remove --id ID | --channel C --handle H
      Remove an official account.
  official list [--json]
      Show the official accounts (/verify tells customers whether an account is one of them).
  canned add --shortcut S --language L --text T [--agent EMAIL]
      Add a canned response: shared (every agent may use it), or the personal one of the agent with --agent.
      Agents type /S in the reply box to insert it; S is 1-32 letters, digits, - or _.
  canned update --shortcut S --language L --text T [--agent EMAIL]
      Replace the text of a response.
  canned remove --shortcut S --language L [--agent EMAIL]
      Delete a response.
  canned list [--agent EMAIL] [--language L] [--json]
      Show canned responses (all, or one agent's personal ones).
  help
      Show this text.

Options for every command:
  --data-dir DIR   the data directory (default: $DATA_DIR, else ./data)
`;

const OPTIONS = {
  "data-dir": { type: "string" },
  help: { type: "boolean", short: "h" },
  email: { type: "string" },
  name: { type: "string" },
  languages: { type: "string" },
  "max-chats": { type: "string" },
  role: { type: "string" },
  timezone: { type: "string" },
  shift: { type: "string", multiple: true },
  "password-stdin": { type: "boolean" },
  disabled: { type: "boolean" },
  enabled: { type: "boolean" },
  json: { type: "boolean" },
  channel: { type: "string" },
  handle: { type: "string" },
  note: { type: "string" },
  id: { type: "string" },
  shortcut: { type: "string" },
  language: { type: "string" },
  text: { type: "string" },
  agent: { type: "string" },
} as const;

type OptionName = keyof typeof OPTIONS;
/** The option values given, by name. */
export type OptionValues = {
  [K in OptionName]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean;
};

const AGENT_FIELDS: OptionName[] = ["email", "name", "languages", "max-chats", "role", "timezone", "shift", "password-stdin"];
const COMMANDS = {
  "agent add": { allowed: AGENT_FIELDS, required: ["email", "name", "languages", "password-stdin"] },
  "agent update": { allowed: [...AGENT_FIELDS, "disabled", "enabled"], required: ["email"] },
  "agent list": { allowed: ["json"], required: [] },
  "agent remove": { allowed: ["email"], required: ["email"] },
  "official add": { allowed: ["channel", "handle", "note"], required: ["channel", "handle"] },
  "official remove": { allowed: ["id", "channel", "handle"], required: [] },
  "official list": { allowed: ["json"], required: [] },
  "canned add": { allowed: ["shortcut", "language", "text", "agent"], required: ["shortcut", "language", "text"] },
  "canned update": { allowed: ["shortcut", "language", "text", "agent"], required: ["shortcut", "language", "text"] },
  "canned remove": { allowed: ["shortcut", "language", "agent"], required: ["shortcut", "language"] },
  "canned list": { allowed: ["agent", "language", "json"], required: [] },
} satisfies Record<string, { allowed: OptionName[]; required: OptionName[] }>;

/** A command to run. */
export type Command = keyof typeof COMMANDS | "help";

/** The parsed command line. */
export interface ParsedArgs {
  command: Command;
  options: OptionValues;
}

// node:util's messages suggest positional tricks that do not apply here; say what is wrong instead.
function explain(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "an option";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take") ? `${option} does not take a value` : `${option} needs a value`;
  }
  return message;
}

/** Parses `argv` (without node and the script); throws {@link UsageError} on anything it cannot run. */
export function parseCommand(argv: string[]): ParsedArgs {
  // Checked before parsing: a password on argv ends up in shell history and process lists.
  if (argv.some((arg) => arg === "--password" || arg.startsWith("--password="))) {
    throw new UsageError("--password is not accepted (it would show in shell history and process lists); pipe the password in with --password-stdin");
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explain(error));
  }
  const { values, positionals } = parsed;
  if (values["data-dir"]?.trim() === "") throw new UsageError("--data-dir needs a directory");
  if (values.help || positionals.length === 0 || (positionals[0] === "help" && positionals.length === 1)) {
    return { command: "help", options: values };
  }
  const [group, action, ...extra] = positionals;
  if (group !== "agent" && group !== "official" && group !== "canned") throw new UsageError(`unknown command ${JSON.stringify(group)}`);
  const actions = group === "official" ? "add, list or remove" : "add, update, list or remove";
  if (action === undefined) throw new UsageError(`missing the ${group} command: ${actions}`);
  const command = `${group} ${action}`;
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown ${group} command ${JSON.stringify(action)} (use ${actions})`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const rule = COMMANDS[command as keyof typeof COMMANDS];
  for (const name of Object.keys(values) as OptionName[]) {
    if (name !== "data-dir" && !(rule.allowed as OptionName[]).includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
  for (const name of rule.required as OptionName[]) {
    const hint = name === "password-stdin" ? " (the password is read from standard input)" : "";
    if (values[name] === undefined) throw new UsageError(`${command} needs --${name}${hint}`);
  }
  return { command: command as Command, options: values };
}

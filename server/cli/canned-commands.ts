// `parley canned add | update | remove | list`: canned responses (shared, or an agent's personal ones with --agent).
import { randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import { cannedCreateSchema } from "../protocol/admin.js";
import { changedAt, DuplicateShortcutError, type CannedResponseRecord, type Store } from "../store/port.js";
import { CommandError, type AgentCommandDeps } from "./agent-commands.js";
import { parseEmail } from "./agent-fields.js";
import { UsageError } from "./args.js";

export type CannedCommandDeps = Omit<AgentCommandDeps, "config" | "readPassword"> & { config: Pick<Config, "languages"> };
export type CannedCommand = (deps: CannedCommandDeps) => Promise<(store: Store) => Promise<void>>;

/** The fields of the options, checked by the same schema as the HTTP API. */
function fields({ options, config }: CannedCommandDeps, needText: boolean) {
  const parsed = cannedCreateSchema.safeParse({ scope: "shared", language: options.language?.trim().toLowerCase(), shortcut: options.shortcut, text: needText ? options.text : "-" });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  if (!config.languages.includes(parsed.data.language)) throw new UsageError(`--language: "${parsed.data.language}" is not a configured language (${config.languages.join(", ")})`);
  return parsed.data;
}

/** The owner named by --agent (null: shared). */
async function ownerOf(store: Store, email: string | undefined): Promise<string | null> {
  if (email === undefined) return null;
  const agent = await store.agents.getByEmail(parseEmail(email));
  if (!agent) throw new CommandError(`no agent with the email ${email} (see parley agent list)`);
  return agent.id;
}

async function find(store: Store, ownerId: string | null, language: string, shortcut: string): Promise<CannedResponseRecord> {
  const found = (await store.canned.list()).find((r) => r.ownerId === ownerId && r.language === language && r.shortcut === shortcut);
  if (!found) throw new CommandError(`no ${ownerId === null ? "shared" : "personal"} response /${shortcut} in ${language} (see parley canned list)`);
  return found;
}

async function save(store: Store, record: CannedResponseRecord): Promise<void> {
  try {
    await store.canned.put(record);
  } catch (error) {
    if (error instanceof DuplicateShortcutError) throw new CommandError(error.message);
    throw error;
  }
}

/** A plain text table: language, shortcut, scope (owner's email), text (first line, shortened). */
function cannedTable(rows: CannedResponseRecord[], emails: Map<string, string>): string {
  const lines = [["LANGUAGE", "SHORTCUT", "OWNER", "TEXT"], ...rows.map((r) => {
    const text = r.text.split("\n")[0]!;
    return [r.language, `/${r.shortcut}`, r.ownerId === null ? "shared" : (emails.get(r.ownerId) ?? r.ownerId), [...text].length > 60 ? `${[...text].slice(0, 59).join("")}…` : text];
  })];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((row) => [...row[c]!].length)));
  return lines.map((row) => row.map((cell, c) => cell + " ".repeat(widths[c]! - [...cell].length)).join("  ").trimEnd()).join("\n");
}

/** `parley canned add`. */
export const addCanned: CannedCommand = async (deps) => {
  const { language, shortcut, text } = fields(deps, true);
  return async (store) => {
    const at = deps.now();
    const record: CannedResponseRecord = { id: `cr_${randomBytes(9).toString("base64url")}`, ownerId: await ownerOf(store, deps.options.agent), language, shortcut, text, createdAt: at, updatedAt: at };
    await save(store, record);
    deps.print(`Added /${shortcut} (${language}, ${record.ownerId === null ? "shared" : deps.options.agent!})`);
  };
};

/** `parley canned update`: finds the response by --shortcut, --language (and --agent) and sets --text. */
export const updateCanned: CannedCommand = async (deps) => {
  const { language, shortcut, text } = fields(deps, true);
  return async (store) => {
    const found = await find(store, await ownerOf(store, deps.options.agent), language, shortcut);
    // On the response as stored when it writes: removed meanwhile (in the console), it stays removed.
    const stored = await store.canned.update(found.id, (current) => ({ ...current, text, updatedAt: changedAt(current.updatedAt, deps.now()) }));
    if (!stored) throw new CommandError(`the response /${shortcut} (${language}) was removed meanwhile (see parley canned list)`);
    deps.print(`Updated /${shortcut} (${language})`);
  };
};

/** `parley canned remove`. */
export const removeCanned: CannedCommand = async (deps) => {
  const { language, shortcut } = fields(deps, false);
  return async (store) => {
    const found = await find(store, await ownerOf(store, deps.options.agent), language, shortcut);
    await store.canned.remove(found.id);
    deps.print(`Removed /${shortcut} (${language})`);
  };
};

/** `parley canned list [--agent E] [--language L] [--json]`. */
export const listCanned: CannedCommand = async (deps) => async (store) => {
  const ownerId = await ownerOf(store, deps.options.agent);
  const language = deps.options.language?.trim().toLowerCase();
  const rows = (await store.canned.list())
    .filter((r) => (deps.options.agent === undefined || r.ownerId === ownerId) && (language === undefined || r.language === language))
    .sort((a, b) => a.language.localeCompare(b.language) || a.shortcut.localeCompare(b.shortcut));
  if (deps.options.json) return deps.print(JSON.stringify(rows, null, 2));
  const emails = new Map((await store.agents.list()).map((a) => [a.id, a.email]));
  deps.print(rows.length ? cannedTable(rows, emails) : "No canned responses yet. Add one with: parley canned add (see parley help)");
};

// `parley official add | remove | list`: the registry of official accounts, beside a possibly running server.
import type { Config } from "../config.js";
import { channelName, officialRecord, registrableAccount, registrableNote } from "../selfservice/verify/registry.js";
import { accountKey } from "../selfservice/verify/parse.js";
import { DuplicateOfficialError, type OfficialAccountRecord, type Store } from "../store/port.js";
import { CommandError, type AgentCommandDeps } from "./agent-commands.js";
import { UsageError } from "./args.js";

/** What the official commands need: the agent commands' world, with the configured channels. */
export type OfficialCommandDeps = Omit<AgentCommandDeps, "config" | "readPassword"> & { config: Pick<Config, "officialChannels"> };
export type OfficialCommand = (deps: OfficialCommandDeps) => Promise<(store: Store) => Promise<void>>;

/** The channel and account of --channel/--handle, checked; a UsageError says what is wrong. */
function account({ options, config }: OfficialCommandDeps) {
  const channel = options.channel!.trim().toLowerCase();
  const ref = registrableAccount(channel, options.handle!, config.officialChannels);
  if (typeof ref === "string") throw new UsageError(`${ref.startsWith("unknown channel") ? "--channel" : "--handle"}: ${ref}`);
  return { channel, ref };
}

/** A plain text table: channel, handle, note, id. */
export function officialTable(accounts: OfficialAccountRecord[]): string {
  const rows = [["CHANNEL", "HANDLE", "NOTE", "ID"], ...accounts.map((a) => [channelName(a.channel), a.handle, a.note ?? "", a.id])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) => row.map((cell, column) => cell + " ".repeat(widths[column]! - [...cell].length)).join("  ").trimEnd()).join("\n");
}

const sorted = (accounts: OfficialAccountRecord[]) => accounts.sort((a, b) => a.channel.localeCompare(b.channel) || a.handle.localeCompare(b.handle));

/** `parley official add`. */
export const addOfficial: OfficialCommand = async (deps) => {
  const { channel, ref } = account(deps);
  const note = registrableNote(deps.options.note);
  if (note instanceof Error) throw new UsageError(`--note: ${note.message}`);
  return async (store) => {
    const record = officialRecord(channel, deps.options.handle!, ref, note, deps.now());
    try {
      await store.officials.put(record);
    } catch (error) {
      if (error instanceof DuplicateOfficialError) throw new CommandError(`${record.handle} is already registered on ${channelName(channel)} (see parley official list)`);
      throw error;
    }
    deps.print(`Added official account ${record.id}:\n${officialTable([record])}`);
  };
};

/** `parley official remove --id ID`, or `--channel C --handle H`. */
export const removeOfficial: OfficialCommand = async (deps) => {
  const { id, channel, handle } = deps.options;
  if (id !== undefined && (channel !== undefined || handle !== undefined)) throw new UsageError("official remove takes --id, or --channel with --handle, not both");
  if (id === undefined && (channel === undefined || handle === undefined)) throw new UsageError("official remove needs --id, or --channel with --handle");
  const named = id === undefined ? account(deps) : null;
  const key = named ? accountKey(named.channel, named.ref) : null;
  return async (store) => {
    const found = (await store.officials.list()).find((o) => (key === null ? o.id === id!.trim() : o.key === key));
    if (!found) throw new CommandError(`no such official account (see parley official list)`);
    await store.officials.remove(found.id);
    deps.print(`Removed official account ${found.handle} on ${channelName(found.channel)} (${found.id})`);
  };
};

/** `parley official list`. */
export const listOfficials: OfficialCommand = async (deps) => async (store) => {
  const accounts = sorted(await store.officials.list());
  if (deps.options.json) return deps.print(JSON.stringify(accounts.map(({ key: _key, ...a }) => a), null, 2));
  deps.print(accounts.length ? officialTable(accounts) : "No official accounts yet. Add one with: parley official add (see parley help)");
};

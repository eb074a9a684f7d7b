// `parley agent add | update | list | remove`, on a store opened beside a possibly running server.
import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/password.js";
import type { Config } from "../config.js";
import { DuplicateEmailError } from "../store/lowdb.js";
import { changedAt, type AgentRecord, type Store } from "../store/port.js";
import { UsageError, type OptionValues } from "./args.js";
import { checkPassword, parseAgentLanguages, parseEmail, parseMaxChats, parseName, parseRole, parseShifts, parseTimeZone } from "./agent-fields.js";
import { agentTable, publicAgent } from "./format.js";

/** A failure that is not a usage error (no such agent, duplicate email): the command exits with code 1. */
export class CommandError extends Error {
  override name = "CommandError";
}

/** What the agent commands need from the outside world. */
export interface AgentCommandDeps {
  config: Pick<Config, "languages" | "defaultMaxChats">;
  options: OptionValues;
  /** Reads the password from standard input (only called with --password-stdin). */
  readPassword(): Promise<string>;
  print(text: string): void;
  now(): number;
}

/**
 * A command validates its input (and reads the password) first, then returns what to do with the store,
 * so bad input is refused before the data directory is even opened.
 */
export type AgentCommand = (deps: AgentCommandDeps) => Promise<(store: Store) => Promise<void>>;

/** Validated changes from the options given; nothing is read or written yet. */
function fields({ options, config }: AgentCommandDeps): Partial<Pick<AgentRecord, "name" | "languages" | "maxChats" | "role" | "timeZone" | "shifts">> {
  return {
    ...(options.name !== undefined && { name: parseName(options.name) }),
    ...(options.languages !== undefined && { languages: parseAgentLanguages(options.languages, config.languages) }),
    ...(options["max-chats"] !== undefined && { maxChats: parseMaxChats(options["max-chats"]) }),
    ...(options.role !== undefined && { role: parseRole(options.role) }),
    ...(options.timezone !== undefined && { timeZone: parseTimeZone(options.timezone) }),
    ...(options.shift !== undefined && { shifts: parseShifts(options.shift) }),
  };
}

async function existing(store: Store, email: string): Promise<AgentRecord> {
  const agent = await store.agents.getByEmail(email);
  if (!agent) throw new CommandError(`no agent with the email ${email} (see parley agent list)`);
  return agent;
}

async function save(store: Store, agent: AgentRecord): Promise<void> {
  try {
    await store.agents.put(agent);
  } catch (error) {
    if (error instanceof DuplicateEmailError) throw new CommandError(error.message);
    throw error;
  }
}

/** `parley agent add`. */
export const addAgent: AgentCommand = async (deps) => {
  const email = parseEmail(deps.options.email!);
  const changes = fields(deps);
  const password = checkPassword(await deps.readPassword());
  return async (store) => {
    if (await store.agents.getByEmail(email)) throw new CommandError(`an agent with the email ${email} already exists`);
    const now = deps.now();
    const agent: AgentRecord = {
      id: `a_${randomBytes(12).toString("base64url")}`,
      email,
      name: changes.name!,
      languages: changes.languages!,
      maxChats: changes.maxChats ?? deps.config.defaultMaxChats,
      role: changes.role ?? "agent",
      timeZone: changes.timeZone ?? "UTC",
      shifts: changes.shifts ?? [],
      passwordHash: await hashPassword(password),
      createdAt: now,
      updatedAt: now,
    };
    await save(store, agent);
    deps.print(`Added agent ${agent.id}:\n${agentTable([agent])}`);
  };
};

/** `parley agent update`. */
export const updateAgent: AgentCommand = async (deps) => {
  const email = parseEmail(deps.options.email!);
  const changes = fields(deps);
  if (deps.options.disabled && deps.options.enabled) throw new UsageError("give --disabled or --enabled, not both");
  const disabled = deps.options.disabled ? true : deps.options.enabled ? false : null;
  const password = deps.options["password-stdin"] ? checkPassword(await deps.readPassword()) : null;
  if (Object.keys(changes).length === 0 && password === null && disabled === null) {
    throw new UsageError("nothing to change: give --name, --languages, --max-chats, --role, --timezone, --shift, --password-stdin, --disabled or --enabled");
  }
  return async (store) => {
    const { id } = await existing(store, email);
    const passwordHash = password === null ? null : await hashPassword(password);
    // Applied to the agent as stored when it is written: what an admin changed in the console meanwhile is kept.
    let agent: AgentRecord | null;
    try {
      agent = await store.agents.update(id, (current) => {
        const next: AgentRecord = { ...current, ...changes, updatedAt: changedAt(current.updatedAt, deps.now()) };
        if (passwordHash !== null) next.passwordHash = passwordHash;
        if (disabled === true) next.disabled = true;
        else if (disabled === false) delete next.disabled;
        return next;
      });
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new CommandError(error.message);
      throw error;
    }
    if (!agent) throw new CommandError(`no agent with the email ${email} (see parley agent list)`);
    deps.print(`Updated agent ${agent.id}:\n${agentTable([agent])}`);
  };
};

/** `parley agent list`. */
export const listAgents: AgentCommand = async (deps) => async (store) => {
  const agents = (await store.agents.list()).sort((a, b) => a.email.localeCompare(b.email));
  if (deps.options.json) return deps.print(JSON.stringify(agents.map(publicAgent), null, 2));
  deps.print(agents.length ? agentTable(agents) : "No agents yet. Add one with: parley agent add (see parley help)");
};

/** `parley agent remove`. */
export const removeAgent: AgentCommand = async (deps) => {
  const email = parseEmail(deps.options.email!);
  return async (store) => {
    const agent = await existing(store, email);
    await store.agents.remove(agent.id);
    deps.print(`Removed agent ${agent.email} (${agent.id})`);
  };
};

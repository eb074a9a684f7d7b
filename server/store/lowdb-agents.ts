// Agents in agents.json, shared between processes: the server reads it, the `parley` command edits it meanwhile.
import { stat } from "node:fs/promises";
import { Low } from "lowdb";
import { JsonFile, type FileIo } from "./json-file.js";
import { waitForLock } from "./files.js";
import { readRows, type Rows } from "./lowdb-table.js";
import type { AgentRecord, AgentStore } from "./port.js";

/** Another agent already has this email address. */
export class DuplicateEmailError extends Error {
  override name = "DuplicateEmailError";
  constructor(readonly email: string) {
    super(`an agent with the email ${email} already exists`);
  }
}

// agents.json.lock is held for one read-modify-write only; a holder stuck this long has died or hung.
const LOCK_STALE_MS = 30_000;

const copy = <T>(value: T): T => structuredClone(value);

/** Opens the agents file; every read first checks whether another process changed it. */
export function openAgents(path: string, io: FileIo): AgentStore & { idle(): Promise<void> } {
  const file = new JsonFile<Rows<AgentRecord>>(path, io);
  let cached: { stamp: string; rows: Rows<AgentRecord> } | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  // Writes go through rename, so a changed file is a new inode; mtime and size catch in-place edits by hand.
  const stamp = async (): Promise<string> => {
    try {
      const info = await stat(path, { bigint: true });
      return `${info.ino}-${info.mtimeNs}-${info.size}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return "none";
      throw error;
    }
  };

  const fresh = async (): Promise<Rows<AgentRecord>> => {
    const db = new Low<Rows<AgentRecord>>(file, {});
    await readRows(db, path);
    return db.data;
  };

  const rows = async (): Promise<Rows<AgentRecord>> => {
    // Stamp before reading: if the file changes in between, the next call sees a new stamp and reads again.
    const now = await stamp();
    if (cached?.stamp !== now) cached = { stamp: now, rows: await fresh() };
    return cached.rows;
  };

  // Read-modify-write under agents.json.lock, so two processes never lose each other's changes.
  const change = <R>(fn: (rows: Rows<AgentRecord>) => { rows: Rows<AgentRecord> | null; result: R }): Promise<R> => {
    const run = tail.then(async () => {
      const lock = await waitForLock(`${path}.lock`, LOCK_STALE_MS);
      try {
        const { rows: next, result } = fn(await fresh());
        if (next !== null) await file.write(next);
        return result;
      } finally {
        cached = null;
        await lock.release();
      }
    });
    tail = run.catch(() => {});
    return run;
  };

  return {
    list: async () => Object.values(await rows()).map(copy),
    get: async (id) => {
      const all = await rows();
      return Object.hasOwn(all, id) ? copy(all[id]!) : null;
    },
    getByEmail: async (email) => copy(Object.values(await rows()).find((a) => a.email === email.toLowerCase()) ?? null),
    put: (agent) =>
      change((all) => {
        const email = agent.email.toLowerCase();
        if (Object.values(all).some((a) => a.email === email && a.id !== agent.id)) throw new DuplicateEmailError(email);
        return { rows: { ...all, [agent.id]: { ...copy(agent), email } }, result: undefined };
      }),
    remove: (id) =>
      change((all) => {
        if (!Object.hasOwn(all, id)) return { rows: null, result: false };
        const { [id]: _removed, ...rest } = all;
        return { rows: rest, result: true };
      }),
    version: stamp,
    idle: async () => void (await tail),
  };
}

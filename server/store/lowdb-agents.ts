// Agents in agents.json, shared between processes: the server reads it, the `parley` command edits it meanwhile
// (re-read on change, edited under agents.json.lock — see lowdb-shared-rows.ts).
import type { FileIo } from "./json-file.js";
import { openSharedRows } from "./lowdb-shared-rows.js";
import { DuplicateEmailError, type AgentRecord, type AgentStore } from "./port.js";

export { DuplicateEmailError };

const copy = <T>(value: T): T => structuredClone(value);

/** Opens the agents file; every read first checks whether another process changed it. */
export function openAgents(path: string, io: FileIo): AgentStore & { idle(): Promise<void> } {
  const shared = openSharedRows<AgentRecord>(path, io);
  return {
    list: async () => Object.values(await shared.rows()).map(copy),
    get: async (id) => {
      const all = await shared.rows();
      return Object.hasOwn(all, id) ? copy(all[id]!) : null;
    },
    getByEmail: async (email) => copy(Object.values(await shared.rows()).find((a) => a.email === email.toLowerCase()) ?? null),
    put: (agent) =>
      shared.change((all) => {
        const email = agent.email.toLowerCase();
        if (Object.values(all).some((a) => a.email === email && a.id !== agent.id)) throw new DuplicateEmailError(email);
        return { rows: { ...all, [agent.id]: { ...copy(agent), email } }, result: undefined };
      }),
    update: (id, change) =>
      shared.change((all) => {
        const next = Object.hasOwn(all, id) ? change(copy(all[id]!)) : null;
        if (!next) return { rows: null, result: null };
        const email = next.email.toLowerCase();
        if (Object.values(all).some((a) => a.email === email && a.id !== id)) throw new DuplicateEmailError(email);
        const stored = { ...copy(next), id, email };
        return { rows: { ...all, [id]: stored }, result: copy(stored) };
      }),
    remove: (id) =>
      shared.change((all) => {
        if (!Object.hasOwn(all, id)) return { rows: null, result: false };
        const { [id]: _removed, ...rest } = all;
        return { rows: rest, result: true };
      }),
    version: shared.version,
    idle: shared.idle,
  };
}

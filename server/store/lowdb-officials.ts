// The registry of official accounts in officials.json, shared with the `parley official` command.
import type { FileIo } from "./json-file.js";
import { openSharedRows } from "./lowdb-shared-rows.js";
import { DuplicateOfficialError, type OfficialAccountRecord, type OfficialAccountStore } from "./selfservice-port.js";

const copy = <T>(value: T): T => structuredClone(value);

export function openOfficials(path: string, io: FileIo): OfficialAccountStore & { idle(): Promise<void> } {
  const file = openSharedRows<OfficialAccountRecord>(path, io);
  return {
    list: async () => Object.values(await file.rows()).map(copy),
    put: (account) =>
      file.change((all) => {
        if (Object.values(all).some((o) => o.key === account.key && o.id !== account.id)) throw new DuplicateOfficialError(account.key);
        return { rows: { ...all, [account.id]: copy(account) }, result: undefined };
      }),
    remove: (id) =>
      file.change((all) => {
        if (!Object.hasOwn(all, id)) return { rows: null, result: false };
        const { [id]: _removed, ...rest } = all;
        return { rows: rest, result: true };
      }),
    version: file.version,
    idle: file.idle,
  };
}

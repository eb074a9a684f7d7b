// Each ticket's thread in its own file, ticket-messages/<ticketId>.json: a reply rewrites one small file.
import { join } from "node:path";
import { CorruptFileError, JsonFile, type FileIo } from "./json-file.js";
import { createKeyedSerial } from "./keyed-serial.js";
import type { TicketMessageRecord, TicketMessageStore } from "./selfservice-port.js";

const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const copy = <T>(value: T): T => structuredClone(value);

/** The thread file of a ticket. Throws on an id that could escape the directory. */
export function threadPath(dir: string, ticketId: string): string {
  if (!VALID_ID.test(ticketId)) throw new TypeError(`invalid ticket id ${JSON.stringify(ticketId)}`);
  return join(dir, `${ticketId}.json`);
}

export function openTicketThreads(dir: string, io: FileIo): TicketMessageStore & { idle(): Promise<void> } {
  // Appends to one ticket run one at a time; other tickets proceed in parallel.
  const appends = createKeyedSerial();

  const read = async (ticketId: string): Promise<TicketMessageRecord[]> => {
    const path = threadPath(dir, ticketId);
    const messages = await new JsonFile<TicketMessageRecord[]>(path, io).read();
    if (messages === null) return [];
    if (!Array.isArray(messages)) throw new CorruptFileError(path, "does not hold the expected messages");
    return messages;
  };

  return {
    append: (ticketId, message) =>
      appends.run(ticketId, async () => {
        const thread = await read(ticketId);
        if (thread.some((m) => m.id === message.id)) return;
        await new JsonFile<TicketMessageRecord[]>(threadPath(dir, ticketId), io).write([...thread, copy(message)]);
      }),
    list: async (ticketId) => {
      // Wait for an append in flight, so a reader right after a reply sees it.
      await appends.idle(ticketId);
      return copy(await read(ticketId));
    },
    idle: appends.idleAll,
  };
}

// Shared by the journal tests of lowdb tables (visitors, conversations): a FileIo that counts the bytes written into
// files, and a data directory whose table shards already hold some rows.
import * as fsp from "node:fs/promises";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FileIo } from "../../server/store/json-file.js";
import { shardOf } from "../../server/store/lowdb-table.js";
import { makeTempDir } from "./temp-dir.js";

export const SHARDS = 256;
export const shardFiles = (dir: string) => Array.from({ length: SHARDS }, (_, i) => join(dir, `${i.toString(16).padStart(2, "0")}.json`));

/** A FileIo that counts the bytes written into files while `counting`. */
export function byteCountingIo(): { io: FileIo; bytes(): number; start(): void } {
  let counting = false;
  let bytes = 0;
  const open = (async (path: string, flags: string | number) => {
    const handle = await fsp.open(path, flags);
    const writeFile = handle.writeFile.bind(handle);
    const write = handle.write.bind(handle);
    Object.assign(handle, {
      writeFile: (data: string | Uint8Array, ...rest: unknown[]) => {
        if (counting) bytes += typeof data === "string" ? Buffer.byteLength(data) : data.length;
        return (writeFile as (...args: unknown[]) => Promise<void>)(data, ...rest);
      },
      // The journals write a buffer, or part of one: (buffer, offset, length).
      write: (data: Uint8Array, offset = 0, length = data.length - offset) => {
        if (counting) bytes += length;
        return write(data, offset, length);
      },
    });
    return handle;
  }) as typeof fsp.open;
  return { io: { ...fsp, open }, bytes: () => bytes, start: () => void (counting = true) };
}

/** A temporary data directory whose `table` shards (e.g. "visitors") already hold `rows`. */
export async function dirWithRows<T extends { id: string }>(table: string, rows: Iterable<T>): Promise<string> {
  const dir = await makeTempDir();
  const shards: Record<string, T>[] = Array.from({ length: SHARDS }, () => ({}));
  for (const row of rows) shards[shardOf(row.id, SHARDS)]![row.id] = row;
  await mkdir(join(dir, table), { recursive: true });
  await Promise.all(shardFiles(join(dir, table)).map((path, i) => writeFile(path, JSON.stringify(shards[i]))));
  return dir;
}

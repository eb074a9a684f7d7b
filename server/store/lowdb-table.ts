// Records keyed by id in one or more lowdb files ("shards"): a write rewrites one shard, never the whole table.
import { Low } from "lowdb";
import { CorruptFileError, JsonFile, type FileIo } from "./json-file.js";

/** A shard file's content: records by id. */
export type Rows<T> = Record<string, T>;

/** An id-keyed table stored in lowdb files. Returns copies, so callers cannot change stored state. */
export interface Table<T extends { id: string }> {
  /** Reads every shard now, so a corrupt file is reported at once. */
  loadAll(): Promise<void>;
  get(id: string): Promise<T | null>;
  /** Copies of the rows that match (all rows without a predicate); matching happens before copying. */
  filter(predicate?: (row: T) => boolean): Promise<T[]>;
  put(row: T): Promise<void>;
  /**
   * Read-modify-write of one row under the shard's write order: `fn` sees the current row (or null) and returns the row
   * to store, or null to change nothing. Resolves with what `fn` returned once it is on disk.
   */
  change(id: string, fn: (current: T | null) => T | null): Promise<T | null>;
  /**
   * Like `change`, but made durable by `persist` (a journal write) instead of a rewrite of the shard: `fn` sees the row
   * as it is after every earlier change of its shard, the new row is visible only once `persist` resolved, and a failed
   * `persist` changes nothing. The shard reaches its file with the next write of it or {@link Table.flush}.
   */
  changeDurably(id: string, fn: (current: T | null) => T | null, persist: (row: T) => Promise<void>): Promise<T | null>;
  /**
   * Like `change`, but the new row is only kept in memory (visible to reads at once) and reaches disk with the next write
   * of its shard or with {@link Table.flush}: for cheap, losable fields such as read markers.
   */
  changeLazily(id: string, fn: (current: T) => T | null): Promise<void>;
  /** Like `put`, but only in memory until the next write of its shard or {@link Table.flush} (the caller keeps it durable). */
  putLazily(row: T): Promise<void>;
  /** How many rows there are. */
  size(): Promise<number>;
  /** Writes every shard changed lazily since its last write, `atOnce` at a time (default: all at once). */
  flush(atOnce?: number): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** Resolves once no write is in flight. */
  idle(): Promise<void>;
}

interface Shard<T> {
  db: Low<Rows<T>>;
  path: string;
  ready: Promise<void> | null;
  tail: Promise<unknown>;
  /** Changed in memory by `changeLazily` since the last write. */
  dirty: boolean;
}

const copy = <T>(value: T): T => structuredClone(value);

/** Reads a lowdb file that must hold an object of rows; anything else is a corrupt file. */
export async function readRows<T>(db: Low<Rows<T>>, path: string): Promise<void> {
  await db.read();
  if (typeof db.data !== "object" || db.data === null || Array.isArray(db.data)) {
    throw new CorruptFileError(path, "does not hold the expected records");
  }
}

/** FNV-1a: spreads ids evenly over shards, whatever their prefix. */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

/** Opens a table stored in `files` (one path per shard). Nothing is read until first use or {@link Table.loadAll}. */
export function openTable<T extends { id: string }>(files: string[], io: FileIo): Table<T> {
  const shards: Shard<T>[] = files.map((path) => ({ db: new Low<Rows<T>>(new JsonFile(path, io), {}), path, ready: null, tail: Promise.resolve(), dirty: false }));

  const load = (shard: Shard<T>): Promise<void> =>
    (shard.ready ??= readRows(shard.db, shard.path).catch((error: unknown) => {
      shard.ready = null;
      throw error;
    }));

  const at = async (id: string): Promise<Shard<T>> => {
    const shard = shards[shardOf(id, shards.length)]!;
    await load(shard);
    return shard;
  };

  // One change at a time per shard; the new rows replace the old only once they are on disk,
  // so readers never see unwritten state and a failed write changes nothing (Low.update mutates first).
  const change = <R>(shard: Shard<T>, fn: (rows: Rows<T>) => { rows: Rows<T> | null; result: R }): Promise<R> => {
    const run = shard.tail.then(async () => {
      const { rows, result } = fn(shard.db.data);
      if (rows !== null) {
        await shard.db.adapter.write(rows);
        shard.db.data = rows;
        shard.dirty = false;
      }
      return result;
    });
    shard.tail = run.catch(() => {});
    return run;
  };

  return {
    loadAll: async () => void (await Promise.all(shards.map(load))),
    get: async (id) => {
      const { db } = await at(id);
      return Object.hasOwn(db.data, id) ? copy(db.data[id]!) : null;
    },
    filter: async (predicate = () => true) => {
      await Promise.all(shards.map(load));
      return shards.flatMap((shard) => Object.values(shard.db.data).filter(predicate).map(copy));
    },
    put: async (row) => change(await at(row.id), (rows) => ({ rows: { ...rows, [row.id]: copy(row) }, result: undefined })),
    change: async (id, fn) =>
      change(await at(id), (rows) => {
        const next = fn(Object.hasOwn(rows, id) ? copy(rows[id]!) : null);
        return next === null ? { rows: null, result: null } : { rows: { ...rows, [id]: copy(next) }, result: copy(next) };
      }),
    changeDurably: async (id, fn, persist) => {
      const shard = await at(id);
      const run = shard.tail.then(async () => {
        const next = fn(Object.hasOwn(shard.db.data, id) ? copy(shard.db.data[id]!) : null);
        if (next === null) return null;
        // Marked before the journal line is written: a compaction that seals the line then rewrites this shard, and
        // its write of the shard waits in the shard's order behind this change.
        shard.dirty = true;
        const row = copy(next);
        await persist(row);
        // In place, as putLazily: a write of the shard takes its JSON when it starts.
        shard.db.data[id] = row;
        return copy(row);
      });
      shard.tail = run.catch(() => {});
      return run;
    },
    changeLazily: async (id, fn) => {
      const shard = await at(id);
      const run = shard.tail.then(() => {
        if (!Object.hasOwn(shard.db.data, id)) return;
        const next = fn(copy(shard.db.data[id]!));
        if (next === null) return;
        shard.db.data = { ...shard.db.data, [id]: next };
        shard.dirty = true;
      });
      shard.tail = run.catch(() => {});
      return run;
    },
    putLazily: async (row) => {
      const shard = await at(row.id);
      const run = shard.tail.then(() => {
        // In place (no copy of the shard per row): no write is in flight here, and a write's JSON is taken at its start.
        shard.db.data[row.id] = copy(row);
        shard.dirty = true;
      });
      shard.tail = run.catch(() => {});
      return run;
    },
    size: async () => {
      await Promise.all(shards.map(load));
      return shards.reduce((sum, shard) => sum + Object.keys(shard.db.data).length, 0);
    },
    flush: async (atOnce = Number.POSITIVE_INFINITY) => {
      const dirty = shards.filter((shard) => shard.dirty);
      const write = (shard: Shard<T>) => change(shard, (rows) => ({ rows: shard.dirty ? rows : null, result: undefined }));
      const worker = async () => {
        for (let shard = dirty.shift(); shard; shard = dirty.shift()) await write(shard);
      };
      await Promise.all(Array.from({ length: Math.min(atOnce, dirty.length) }, worker));
    },
    remove: async (id) =>
      change(await at(id), (rows) => {
        if (!Object.hasOwn(rows, id)) return { rows: null, result: false };
        const { [id]: _removed, ...rest } = rows;
        return { rows: rest, result: true };
      }),
    idle: async () => void (await Promise.all(shards.map((shard) => shard.tail))),
  };
}

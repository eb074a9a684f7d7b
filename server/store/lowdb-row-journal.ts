// Rows of a table written through an append-only journal (journal.ts) instead of rewriting their shard: a put is
// one line of a group-commit write (one write and one fsync cover every put that arrived meanwhile), so storing a
// row costs the same with 1,000 or 100,000 rows in the table.
// The shards are rewritten in the background once the journal holds as many rows as the table (at least
// `minRows`), so the rewrite costs O(1) per put amortised; then the segments it covered are deleted. At start the
// segments are replayed over the shards in order (a row's last put wins), so an acknowledged put survives kill -9.
// Used for visitors (DATA_DIR/visitors-journal/) and conversations (DATA_DIR/conversations-journal/, through
// `Table.changeDurably`, so a compare-and-set is decided in its shard's order and stored by one line).
import { corruptRecord, encodeRecord, openJournal } from "./journal.js";
import type { FileIo } from "./json-file.js";
import type { Table } from "./lowdb-table.js";

/** One journal write holds at most about this much; the rest waits for the next. */
const MAX_WRITE_BYTES = 1024 * 1024;
/** Shards written at once by compaction: it shares the disk with the journal writes that acks wait for. */
const AT_ONCE = 4;

/** When the journal is written into the shards. */
export interface RowCompactionPolicy {
  /** Compact once the journal holds this many rows and at least as many as the table (Infinity: only at close). */
  minRows: number;
}

export const DEFAULT_ROW_COMPACTION: RowCompactionPolicy = { minRows: 4096 };

export interface RowJournal<T> {
  /** Resolves once the row is on disk (in the journal) and visible to the table's reads. */
  put(row: T): Promise<void>;
  /**
   * Resolves once the row is on disk (in the journal), without touching the table: for {@link Table.changeDurably},
   * which keeps the row's changes in their shard's order and makes it visible itself.
   */
  write(row: T): Promise<void>;
  /** Writes the journal into the shards and deletes it (unless `compact: false`, as kill -9 would leave it). */
  close(options?: { compact: boolean }): Promise<void>;
}

interface Waiting<T> {
  row: T;
  line: Buffer;
  /** Put into the table once on disk (`put`), or left to the caller (`write`). */
  apply: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

/** Opens the journal in `dir` for `table`, replaying what it holds into the table. */
export async function openRowJournal<T extends { id: string }>(table: Table<T>, dir: string, io: FileIo, policy: RowCompactionPolicy = DEFAULT_ROW_COMPACTION): Promise<RowJournal<T>> {
  const { journal, replayed } = await openJournal(dir, io);
  let journaled = 0;
  for (const segment of replayed) {
    for (const record of segment.records) {
      if (typeof record !== "object" || record === null || typeof (record as { id?: unknown }).id !== "string") {
        await journal.close(true);
        throw corruptRecord(segment.path, "is not a row with an id");
      }
      await table.putLazily(record as T);
      journaled++;
    }
  }

  let chain: Promise<unknown> = Promise.resolve();
  const serially = <R>(fn: () => Promise<R>): Promise<R> => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };

  // Rotates, writes every changed shard, then deletes the sealed segments: a crash in between replays rows the
  // shards already hold, which a put of the whole row makes harmless.
  let compacting: Promise<void> | null = null;
  let threshold = Math.max(policy.minRows, await table.size());
  const compact = (): Promise<void> =>
    (compacting ??= (async () => {
      try {
        let covered = 0;
        const last = await serially(() => ((covered = journaled), journal.rotate()));
        await table.flush(AT_ONCE);
        await serially(() => journal.removeThrough(last));
        journaled -= covered;
        threshold = Math.max(policy.minRows, await table.size());
      } finally {
        compacting = null;
      }
    })());
  const maybeCompact = () => {
    if (journaled >= threshold && !compacting) compact().catch(() => {}); // kept in the journal; retried after the next put
  };

  const waiting: Waiting<T>[] = [];
  let queued = false;
  const queue = () => {
    if (queued) return;
    queued = true;
    void serially(commit);
  };
  async function commit(): Promise<void> {
    queued = false;
    const batch: Waiting<T>[] = [];
    let bytes = 0;
    while (waiting.length > 0 && bytes < MAX_WRITE_BYTES) {
      const item = waiting.shift()!;
      batch.push(item);
      bytes += item.line.length;
    }
    if (waiting.length > 0) queue();
    try {
      await journal.write(Buffer.concat(batch.map((item) => item.line)));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    // Visible only once on disk; in the order the puts came.
    await Promise.all(batch.flatMap((item) => (item.apply ? [table.putLazily(item.row)] : [])));
    journaled += batch.length;
    for (const item of batch) item.resolve();
    maybeCompact();
  }

  let closing: Promise<void> | null = null;
  const append = (row: T, apply: boolean) =>
    closing
      ? Promise.reject(new Error("the store is closed"))
      : new Promise<void>((resolve, reject) => {
          waiting.push({ row, line: encodeRecord(row), apply, resolve, reject });
          queue();
        });
  return {
    put: (row) => append(row, true),
    write: (row) => append(row, false),
    close: (options = { compact: true }) =>
      (closing ??= (async () => {
        await serially(async () => {});
        await compacting?.catch(() => {});
        if (options.compact && journaled > 0) await compact().catch(() => {});
        await journal.close(true);
      })()),
  };
}

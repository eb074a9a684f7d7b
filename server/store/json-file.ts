// A lowdb adapter in the spirit of steno, made durable: temp file → fsync → rename → fsync(dir), one write at a time.
import * as fsp from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Adapter } from "lowdb";
import { LockLostError, tempPathFor } from "./files.js";

/** The file operations {@link JsonFile} uses; injectable so tests can fail or observe them. */
export type FileIo = Pick<typeof fsp, "open" | "rename" | "readFile" | "unlink">;

/** A data file that cannot be read as the expected JSON. Parley never overwrites such a file. */
export class CorruptFileError extends Error {
  override name = "CorruptFileError";
  constructor(readonly path: string, reason = "is not valid JSON") {
    super(`${path} ${reason}; the file was left untouched (restore it from a backup or move it away, then start again)`);
  }
}

// Writes in flight per absolute path: a later write starts only after the earlier one settled.
const tails = new Map<string, Promise<unknown>>();

/** A JSON file read and written whole, atomically and durably. */
export class JsonFile<T> implements Adapter<T> {
  readonly path: string;

  constructor(path: string, private readonly io: FileIo = fsp) {
    this.path = resolve(path);
  }

  /** The parsed content; null when the file does not exist; throws {@link CorruptFileError} when it cannot be parsed. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await this.io.readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CorruptFileError(this.path);
    }
    // Our files never hold `null`; lowdb would take it for "no file" and write defaults over it.
    if (data === null) throw new CorruptFileError(this.path, "holds null instead of data");
    return data as T;
  }

  /**
   * Resolves once the new content is on disk; on failure the old file is intact and the promise rejects. `staging`
   * is the staging directory of the lock this write is made under (`HeldLock.staging`): the temp file is written
   * there, so if the lock is taken over before the rename, the write fails with {@link LockLostError} instead.
   */
  write(data: T, staging: string | null = null): Promise<void> {
    const text = JSON.stringify(data);
    const run = (tails.get(this.path) ?? Promise.resolve()).catch(() => {}).then(() => this.replace(text, staging));
    tails.set(this.path, run);
    void run.finally(() => tails.get(this.path) === run && tails.delete(this.path)).catch(() => {});
    return run;
  }

  private async replace(text: string, staging: string | null): Promise<void> {
    const temp = tempPathFor(staging ? join(staging, basename(this.path)) : this.path);
    try {
      await this.synced(temp, "wx", text);
      await this.io.rename(temp, this.path);
    } catch (error) {
      await this.io.unlink(temp).catch(() => {});
      // The staging directory (or the file staged in it) was deleted by a writer taking the lock over.
      if (staging && (error as NodeJS.ErrnoException).code === "ENOENT") throw new LockLostError(this.path);
      throw error;
    }
    // Without syncing the directory, the rename itself may not survive a power loss.
    await this.synced(dirname(this.path), "r");
  }

  private async synced(path: string, flags: string, text?: string): Promise<void> {
    const handle = await this.io.open(path, flags);
    try {
      if (text !== undefined) await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

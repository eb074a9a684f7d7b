// A FileIo for store tests that records data-file operations and can fail or hold them, deterministically.
import { constants } from "node:fs";
import * as fsp from "node:fs/promises";
import { relative } from "node:path";
import type { FileIo } from "../../server/store/json-file.js";

/** The io to pass to the store, what it did (paths relative to `root`), and switches to fail or hold writes. */
export interface ControlledIo {
  io: FileIo;
  calls: string[];
  /** Writes into a file whose path matches fail with this error. */
  failWrites(match: RegExp | null, code?: string): void;
  /** Renames onto a matching path wait until the returned function is called. */
  holdRenames(match: RegExp): () => void;
  /**
   * Fsyncs (and fdatasyncs) of a matching file wait until the returned function is called; so do writes to a file
   * opened with O_DSYNC (the journal's segments), which flush as they write: such a write is recorded as
   * `write <file>` then `datasync <file>`, and waits before it reaches the file.
   */
  holdSyncs(match: RegExp): () => void;
}

/** Creates a {@link ControlledIo}; paths in `calls` are relative to `root`. */
export function createControlledIo(root: string): ControlledIo {
  const calls: string[] = [];
  let failing: { match: RegExp; code: string } | null = null;
  const held: { match: RegExp; released: Promise<void> }[] = [];
  const heldSyncs: { match: RegExp; released: Promise<void> }[] = [];
  const hold = (list: typeof held, match: RegExp) => {
    let release!: () => void;
    list.push({ match, released: new Promise<void>((resolve) => (release = resolve)) });
    return release;
  };
  const name = (path: unknown) => relative(root, String(path)) || ".";

  const open: typeof fsp.open = async (path, flags, mode) => {
    const handle = await fsp.open(path, flags, mode);
    const file = name(path);
    calls.push(`open ${file} ${String(flags)}`);
    const flushesOnWrite = typeof flags === "number" && constants.O_DSYNC !== undefined && (flags & constants.O_DSYNC) !== 0;
    const wrapped = {
      write: async (data: Uint8Array, offset = 0, length = data.length - offset) => {
        calls.push(`write ${file}`);
        if (failing?.match.test(file)) {
          throw Object.assign(new Error(`${failing.code}: injected failure, write '${file}'`), { code: failing.code });
        }
        if (flushesOnWrite) {
          calls.push(`datasync ${file}`);
          for (const hold of heldSyncs) if (hold.match.test(file)) await hold.released;
        }
        return handle.write(data, offset, length);
      },
      writeFile: async (...args: Parameters<fsp.FileHandle["writeFile"]>) => {
        calls.push(`write ${file}`);
        if (failing?.match.test(file)) {
          throw Object.assign(new Error(`${failing.code}: injected failure, write '${file}'`), { code: failing.code });
        }
        return handle.writeFile(...args);
      },
      sync: async () => {
        calls.push(`sync ${file}`);
        for (const hold of heldSyncs) if (hold.match.test(file)) await hold.released;
        return handle.sync();
      },
      datasync: async () => {
        calls.push(`datasync ${file}`);
        for (const hold of heldSyncs) if (hold.match.test(file)) await hold.released;
        return handle.datasync();
      },
      truncate: async (length?: number) => {
        calls.push(`truncate ${file}`);
        return handle.truncate(length);
      },
      close: async () => {
        calls.push(`close ${file}`);
        return handle.close();
      },
    };
    return wrapped as unknown as fsp.FileHandle;
  };

  const io: FileIo = {
    open,
    readFile: fsp.readFile,
    unlink: async (path) => {
      calls.push(`unlink ${name(path)}`);
      return fsp.unlink(path);
    },
    rename: async (from, to) => {
      calls.push(`rename ${name(from)} ${name(to)}`);
      for (const hold of held) if (hold.match.test(name(to))) await hold.released;
      return fsp.rename(from, to);
    },
  };

  return {
    io,
    calls,
    failWrites: (match, code = "ENOSPC") => void (failing = match ? { match, code } : null),
    holdRenames: (match) => hold(held, match),
    holdSyncs: (match) => hold(heldSyncs, match),
  };
}

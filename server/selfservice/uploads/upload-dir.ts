// The upload directory (DATA_DIR/uploads, or UPLOAD_DIR shared by nodes): accepted files under server-generated keys (ab/ab12…), temp files in .tmp.
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { AttachmentRecord } from "../../store/port.js";
import type { ReceivedFile } from "./receive.js";

const KEY = /^[0-9a-f]{32}$/;

export interface UploadDir {
  /** Where uploads stream to before they are accepted. */
  tempDir: string;
  /** Deletes every temp file (at start-up, when no upload can be running). */
  sweep(): Promise<void>;
  /** Moves received files into place; on failure nothing stays (neither temps nor moved files). */
  accept(files: ReceivedFile[], newId: () => string): Promise<AttachmentRecord[]>;
  /** Deletes received files that will not be used. */
  discard(files: ReceivedFile[]): Promise<void>;
  /** Deletes accepted files (a store write failed after they were moved). */
  remove(attachments: AttachmentRecord[]): Promise<void>;
  /** The path of an accepted file with its size, or null when it is not there. */
  locate(key: string): Promise<{ path: string; size: number } | null>;
}

/** A temp file this old is left over from a crash, also in a directory other nodes write to. */
const STALE_TEMP_MS = 3_600_000;

/** Opens the upload directory (DATA_DIR/uploads, or UPLOAD_DIR shared by several nodes: `shared`). */
export function openUploadDir(root: string, options: { shared?: boolean } = {}): UploadDir {
  const tempDir = join(root, ".tmp");
  // The key is checked before any path is built from it: nothing can point outside uploads/.
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new TypeError("invalid upload key");
    return join(root, key.slice(0, 2), key);
  };

  const synced = async (path: string) => {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };

  const remove = async (attachments: AttachmentRecord[]) => void (await Promise.allSettled(attachments.map((a) => unlink(pathOf(a.key)))));
  const discard = async (files: ReceivedFile[]) => void (await Promise.allSettled(files.map((f) => unlink(f.tempPath))));

  return {
    tempDir,
    sweep: async () => {
      await mkdir(tempDir, { recursive: true });
      for (const name of await readdir(tempDir)) {
        // Shared by nodes: another node may be receiving into the newer ones right now.
        if (options.shared && Date.now() - (await stat(join(tempDir, name)).catch(() => ({ mtimeMs: 0 }))).mtimeMs < STALE_TEMP_MS) continue;
        await rm(join(tempDir, name), { force: true, recursive: true });
      }
    },
    accept: async (files, newId) => {
      const accepted: AttachmentRecord[] = [];
      try {
        for (const file of files) {
          const key = randomBytes(16).toString("hex");
          const path = pathOf(key);
          await mkdir(join(root, key.slice(0, 2)), { recursive: true });
          // On disk before it is referenced: a ticket never points at a file a crash could lose.
          await synced(file.tempPath);
          await rename(file.tempPath, path);
          accepted.push({ id: newId(), name: file.name, type: file.type, size: file.size, key });
        }
        return accepted;
      } catch (error) {
        await remove(accepted);
        await discard(files);
        throw error;
      }
    },
    discard,
    remove,
    locate: async (key) => {
      if (!KEY.test(key)) return null;
      const path = pathOf(key);
      try {
        const info = await stat(path);
        return info.isFile() ? { path, size: info.size } : null;
      } catch {
        return null;
      }
    },
  };
}

/**
 * Moves received files into place, then stores what `write` writes (the records that name them); the files are
 * removed again if that fails. Files are on disk before anything refers to them, and never left unreferenced.
 */
export async function keepFiles<R>(uploads: UploadDir, files: ReceivedFile[], newId: () => string, write: (attachments: AttachmentRecord[]) => Promise<R>): Promise<R> {
  const attachments = await uploads.accept(files, newId);
  try {
    return await write(attachments);
  } catch (error) {
    await uploads.remove(attachments);
    throw error;
  }
}

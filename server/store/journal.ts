// The message journal: DATA_DIR/journal/000001.log, 000002.log … append-only segment files, one record per line:
//   <crc32 of the JSON, 8 hex digits> <JSON>\n
// A write is one write() of whole lines to a segment opened with O_DSYNC: the call returns once the lines and the file's
// new length are on disk (what fdatasync guarantees), in one system call and one trip through libuv's thread pool
// instead of two — under load each trip waits for a turn of the event loop. Where the platform has no O_DSYNC the
// write is followed by an fdatasync. One flush covers every record in the write. Records are
// replayed at start; a line that is cut short or fails its checksum marks where a crash interrupted a write, and
// it and everything after it in its segment (never acknowledged, see `openJournal`) are cut off.
import { constants as fsConstants } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { FileHandle } from "node:fs/promises";
import type { FileIo } from "./json-file.js";
import { CorruptFileError } from "./json-file.js";
import { ensureDir } from "./files.js";

const SEGMENT_NAME = /^(\d{6,})\.log$/;
/** O_DSYNC where the platform has it (Linux, macOS); 0 elsewhere (Windows), where each write is followed by an fdatasync. */
const O_DSYNC = fsConstants.O_DSYNC ?? 0;
/** A new segment: appending, never over an existing file, every write synchronised (as "ax", plus O_DSYNC). */
const SEGMENT_FLAGS = fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_EXCL | O_DSYNC;
const NEWLINE = 0x0a;

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (IEEE), as zlib computes it. */
export function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * CRC-32 of `text` as UTF-8 (what `crc32(Buffer.from(text, "utf8"))` gives), without encoding it first: a lone
 * surrogate counts as U+FFFD, as Buffer.from writes it.
 */
export function crc32Utf8(text: string): number {
  let crc = -1;
  const add = (byte: number) => (crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8));
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      crc = CRC_TABLE[(crc ^ c) & 0xff]! ^ (crc >>> 8);
      continue;
    }
    if (c < 0x800) {
      add(0xc0 | (c >> 6)), add(0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        add(0xf0 | (c >> 18)), add(0x80 | ((c >> 12) & 0x3f)), add(0x80 | ((c >> 6) & 0x3f)), add(0x80 | (c & 0x3f));
        continue;
      }
      c = 0xfffd;
    }
    add(0xe0 | (c >> 12)), add(0x80 | ((c >> 6) & 0x3f)), add(0x80 | (c & 0x3f));
  }
  return (crc ^ -1) >>> 0;
}

/**
 * One journal line for `record`, as a string: a group commit joins the lines of a write and encodes them once (four
 * small buffers per line and a copy of each were a good part of the garbage at thousands of messages a second).
 */
export function encodeLine(record: unknown): string {
  const json = JSON.stringify(record);
  return `${crc32Utf8(json).toString(16).padStart(8, "0")} ${json}\n`;
}

/** One journal line for `record`. */
export const encodeRecord = (record: unknown): Buffer => Buffer.from(encodeLine(record), "utf8");

/** The records of one segment's bytes, and where its valid part ends (a torn or damaged tail starts there). */
export function decodeSegment(bytes: Buffer): { records: unknown[]; validBytes: number } {
  const records: unknown[] = [];
  let start = 0;
  for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
    const line = bytes.subarray(start, end);
    if (line.length < 10 || line[8] !== 0x20) break;
    const json = line.subarray(9);
    if (line.subarray(0, 8).toString("latin1") !== crc32(json).toString(16).padStart(8, "0")) break;
    let record: unknown;
    try {
      record = JSON.parse(json.toString("utf8"));
    } catch {
      break;
    }
    records.push(record);
    start = end + 1;
  }
  return { records, validBytes: start };
}

/** A segment's records as replayed at start. */
export interface ReplayedSegment {
  path: string;
  records: unknown[];
  /** Bytes cut off its end (a write a crash interrupted: never acknowledged). */
  droppedBytes: number;
}

/** The open journal. Calls must not overlap: the caller runs them one at a time. */
export interface Journal {
  /**
   * Appends whole lines to the current segment with one synchronised write (O_DSYNC: the lines and the file's new size
   * are on disk when it returns — everything needed to read them back after a crash; fsync would also flush the
   * timestamps, which cost more per flush and matter to no reader); on failure the segment is cut back.
   */
  write(lines: Buffer): Promise<void>;
  /** Bytes in the current segment. */
  size(): number;
  /** Starts a new segment; returns the number of the last one before it (everything up to it is sealed). */
  rotate(): Promise<number>;
  /** Deletes the sealed segments numbered up to `last`. */
  removeThrough(last: number): Promise<void>;
  /** Closes the current segment; deletes it too when `removeIfEmpty` and nothing was written to it. */
  close(removeIfEmpty: boolean): Promise<void>;
}

const segmentPath = (dir: string, n: number) => join(dir, `${String(n).padStart(6, "0")}.log`);

async function syncDir(dir: string, io: FileIo): Promise<void> {
  const handle = await io.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Opens the journal in `dir`: reads every segment (cutting off torn tails) and starts a new segment for writes.
 * Why a cut-off tail was never acknowledged: a write's lines are acknowledged only after its fsync, and the next
 * write starts only after that, so every acknowledged line lies before any byte a crash could have left torn.
 */
export async function openJournal(dir: string, io: FileIo): Promise<{ journal: Journal; replayed: ReplayedSegment[] }> {
  await ensureDir(dir);
  const numbers = (await readdir(dir)).flatMap((name) => {
    const match = SEGMENT_NAME.exec(name);
    return match ? [Number(match[1])] : [];
  }).sort((a, b) => a - b);
  const replayed: ReplayedSegment[] = [];
  for (const n of numbers) {
    const path = segmentPath(dir, n);
    const bytes = await io.readFile(path);
    const { records, validBytes } = decodeSegment(bytes);
    if (validBytes < bytes.length) await cutBack(path, validBytes, io);
    replayed.push({ path, records, droppedBytes: bytes.length - validBytes });
  }

  let current = (numbers.at(-1) ?? 0) + 1;
  let handle = await createSegment(dir, current, io);
  let size = 0;
  // Set when a failed write could not be cut back: no write goes after possibly half-written lines.
  let damaged = false;

  const repair = async () => {
    await handle.truncate(size);
    await handle.sync();
    damaged = false;
  };

  return {
    replayed,
    journal: {
      write: async (lines) => {
        if (damaged) await repair();
        try {
          // A regular file takes the whole buffer in one write unless the disk fails; the loop covers a short write.
          for (let at = 0; at < lines.length; ) at += (await handle.write(lines, at, lines.length - at)).bytesWritten;
          if (O_DSYNC === 0) await handle.datasync();
        } catch (error) {
          damaged = true;
          await repair().catch(() => {});
          throw error;
        }
        size += lines.length;
      },
      size: () => size,
      rotate: async () => {
        if (damaged) await repair();
        const next = await createSegment(dir, current + 1, io);
        await handle.close().catch(() => {});
        handle = next;
        size = 0;
        return current++;
      },
      removeThrough: async (last) => {
        const names = await readdir(dir);
        for (const name of names) {
          const match = SEGMENT_NAME.exec(name);
          if (match && Number(match[1]) <= last) await io.unlink(join(dir, name));
        }
        await syncDir(dir, io);
      },
      close: async (removeIfEmpty) => {
        await handle.close();
        if (removeIfEmpty && size === 0 && !damaged) {
          await io.unlink(segmentPath(dir, current));
          await syncDir(dir, io);
        }
      },
    },
  };
}

/** Creates segment `n` (appending, never over an existing file) and makes its name durable. */
async function createSegment(dir: string, n: number, io: FileIo): Promise<FileHandle> {
  const handle = await io.open(segmentPath(dir, n), SEGMENT_FLAGS);
  try {
    await syncDir(dir, io);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function cutBack(path: string, bytes: number, io: FileIo): Promise<void> {
  const handle = await io.open(path, "r+");
  try {
    await handle.truncate(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A replayed record that cannot be a stored message: the segment was changed by something other than Parley. */
export const corruptRecord = (path: string, reason: string) => new CorruptFileError(path, `holds a record that ${reason}`);

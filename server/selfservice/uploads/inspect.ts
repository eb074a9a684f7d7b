// A pass-through stream that decides a file's type from its first bytes and refuses anything not allowed,
// while the file streams to disk: a disguised file is stopped after its first kilobyte, not after its last.
import { Transform, type TransformCallback } from "node:stream";
import { declaredSize, sizeProblem } from "./dimensions.js";
import { hasMarkup, MARKUP_WINDOW, sniff, type DetectedType } from "./sniff.js";

// JPEG frame headers may follow large metadata; PNG, GIF and WebP declare their size in the first 30 bytes.
const JPEG_WINDOW = 64 * 1024;

/** A file refused for what it is (HTTP 415). */
export class RefusedFileError extends Error {
  override name = "RefusedFileError";
}

const describe = (allowed: readonly DetectedType[]) =>
  allowed.map((t) => ({ "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP", "application/pdf": "PDF" })[t]).join(", ");

export class FileInspector extends Transform {
  /** The decided type, once known. */
  type: DetectedType | null = null;
  /** Bytes seen so far. */
  size = 0;
  private head = Buffer.alloc(0);
  private decided = false;

  constructor(private readonly label: string, private readonly allowed: readonly DetectedType[]) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (!this.decided && this.head.length < JPEG_WINDOW) this.head = Buffer.concat([this.head, chunk.subarray(0, JPEG_WINDOW - this.head.length)]);
    const problem = this.decided ? null : this.check(false);
    if (problem) return done(problem);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.decided ? null : this.check(true));
  }

  /** Decides once enough bytes are in (or the file ended); returns the reason to refuse, if any. */
  private check(ended: boolean): Error | null {
    if (!ended && this.head.length < MARKUP_WINDOW) return null;
    const type = sniff(this.head);
    if (!type || !this.allowed.includes(type)) {
      return new RefusedFileError(`"${this.label}" is not a ${describe(this.allowed)} file (decided by its content, not its name)`);
    }
    if (hasMarkup(this.head)) return new RefusedFileError(`"${this.label}" contains web page markup and is refused`);
    if (type === "image/jpeg" && !ended && this.head.length < JPEG_WINDOW && !declaredSize(type, this.head)) return null;
    const problem = sizeProblem(declaredSize(type, this.head));
    if (problem) return new RefusedFileError(`"${this.label}" ${problem}`);
    this.type = type;
    this.decided = true;
    this.head = Buffer.alloc(0);
    return null;
  }
}

// A pass-through stream that decides a file's type from its first bytes and refuses anything not allowed,
// while the file streams to disk: a disguised file is stopped after its first kilobyte, not after its last.
// JPEG and GIF structures are walked to the end (structure.ts): their sizes may be declared anywhere.
import { Transform, type TransformCallback } from "node:stream";
import { declaredSize, sizeProblem, type Size } from "./dimensions.js";
import { hasMarkup, MARKUP_WINDOW, sniff, type DetectedType } from "./sniff.js";
import { StructureWalker } from "./structure.js";

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
  private walker: StructureWalker | null = null;

  constructor(private readonly label: string, private readonly allowed: readonly DetectedType[]) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    let problem: Error | null = null;
    if (!this.decided) {
      const taken = Math.min(chunk.length, MARKUP_WINDOW - this.head.length);
      this.head = Buffer.concat([this.head, chunk.subarray(0, taken)]);
      problem = this.check(false, chunk.subarray(taken));
    } else if (this.walker) problem = this.walked(this.walker.push(chunk));
    if (problem) return done(problem);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const problem = this.decided ? null : this.check(true, Buffer.alloc(0));
    if (problem) return done(problem);
    // The structure must be complete: a file that ends before its walk does is refused.
    if (this.walker && this.walker.result === null) return done(new RefusedFileError(`"${this.label}" is cut off before the end of its structure`));
    done();
  }

  /** The walker's answer as a refusal, if it is one (the size is checked once it is known). */
  private walked(result: Size | string | null): Error | null {
    if (result === null) return null;
    const problem = typeof result === "string" ? result : sizeProblem(result);
    if (problem) return new RefusedFileError(`"${this.label}" ${problem}`);
    this.walker = null;
    return null;
  }

  /**
   * Decides once enough bytes are in (or the file ended); returns the reason to refuse, if any. `rest` is the part
   * of the current chunk that did not fit into the head.
   */
  private check(ended: boolean, rest: Buffer): Error | null {
    if (!ended && this.head.length < MARKUP_WINDOW) return null;
    const type = sniff(this.head);
    if (!type || !this.allowed.includes(type)) {
      return new RefusedFileError(`"${this.label}" is not a ${describe(this.allowed)} file (decided by its content, not its name)`);
    }
    if (hasMarkup(this.head)) return new RefusedFileError(`"${this.label}" contains web page markup and is refused`);
    const problem = sizeProblem(declaredSize(type, this.head));
    if (problem) return new RefusedFileError(`"${this.label}" ${problem}`);
    this.type = type;
    this.decided = true;
    if (type === "image/jpeg" || type === "image/gif") {
      this.walker = new StructureWalker(type);
      const walked = this.walked(this.walker.push(this.head)) ?? (this.walker ? this.walked(this.walker.push(rest)) : null);
      if (walked) return walked;
    }
    this.head = Buffer.alloc(0);
    return null;
  }
}

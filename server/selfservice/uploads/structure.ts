// Walks the whole structure of JPEG and GIF files as they stream in, to find every declared picture size:
// a JPEG's frame header may follow any amount of metadata, and each GIF frame declares its own size. Memory stays
// bounded: segment bodies are skipped, only headers (at most 768 bytes) are held. Pure (no I/O).
import type { Size } from "./dimensions.js";

/** What a walker asks for next: the next `read` bytes, or to pass over `skip` bytes. */
type Need = { read: number } | { skip: number };
/** A walker: yields what it needs, gets the bytes it asked to read, returns the file's size or why it is refused. */
type Walk = Generator<Need, Size | string, Uint8Array>;

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);

/** JPEG: segment by segment from the start to the frame header (SOF), which must come before the scan (SOS). */
function* jpeg(): Walk {
  const soi = yield { read: 2 };
  if (soi[0] !== 0xff || soi[1] !== 0xd8) return "is not a JPEG file";
  for (;;) {
    let marker = yield { read: 2 };
    if (marker[0] !== 0xff) return "has a broken JPEG segment";
    // Fill bytes (FF FF …) may precede a marker.
    while (marker[1] === 0xff) marker = Uint8Array.of(0xff, (yield { read: 1 })[0]!);
    const code = marker[1]!;
    if (code === 0xd8 || code === 0x01 || (code >= 0xd0 && code <= 0xd7)) continue;
    if (code === 0xd9 || code === 0xda) return "has no frame header before its picture data";
    const length = u16be(yield { read: 2 }, 0);
    if (length < 2) return "has a broken JPEG segment";
    // Start-of-frame markers (not DHT C4, JPG C8, DAC CC) carry the frame size.
    if (code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc) {
      if (length < 7) return "has a broken JPEG frame header";
      const frame = yield { read: 5 };
      return { height: u16be(frame, 1), width: u16be(frame, 3) };
    }
    yield { skip: length - 2 };
  }
}

/** GIF: the logical screen, then every block to the trailer; each frame must lie within the screen. */
function* gif(): Walk {
  const header = yield { read: 13 };
  const screen = { width: u16le(header, 6), height: u16le(header, 8) };
  if (header[10]! & 0x80) yield { skip: 3 * 2 ** ((header[10]! & 7) + 1) };
  const subBlocks = function* (): Generator<Need, void, Uint8Array> {
    for (let size = (yield { read: 1 })[0]!; size !== 0; size = (yield { read: 1 })[0]!) yield { skip: size };
  };
  for (;;) {
    const block = (yield { read: 1 })[0]!;
    if (block === 0x3b) return screen;
    if (block === 0x21) {
      yield { skip: 1 };
      yield* subBlocks();
    } else if (block === 0x2c) {
      const d = yield { read: 9 };
      const left = u16le(d, 0);
      const top = u16le(d, 2);
      const width = u16le(d, 4);
      const height = u16le(d, 6);
      if (left + width > screen.width || top + height > screen.height) {
        return `has a ${width}×${height} frame at ${left},${top} outside its ${screen.width}×${screen.height} screen`;
      }
      if (d[8]! & 0x80) yield { skip: 3 * 2 ** ((d[8]! & 7) + 1) };
      yield { skip: 1 };
      yield* subBlocks();
    } else {
      return "has a broken GIF block";
    }
  }
}

/** Feeds a file's bytes to a walker, chunk by chunk. */
export class StructureWalker {
  private readonly walk: Walk;
  private need: Need;
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The walker's answer once it has one. */
  result: Size | string | null = null;

  constructor(kind: "image/jpeg" | "image/gif") {
    this.walk = kind === "image/jpeg" ? jpeg() : gif();
    this.need = this.walk.next(new Uint8Array()).value as Need;
  }

  /** Takes the next bytes of the file; returns the answer once there is one. */
  push(chunk: Uint8Array): Size | string | null {
    let at = 0;
    while (this.result === null && at < chunk.length) {
      if ("skip" in this.need) {
        const n = Math.min(this.need.skip, chunk.length - at);
        at += n;
        this.need = { skip: this.need.skip - n };
        if (this.need.skip === 0) this.advance(new Uint8Array());
      } else {
        const n = Math.min(this.need.read - this.heldBytes, chunk.length - at);
        this.held.push(Buffer.from(chunk.subarray(at, at + n)));
        this.heldBytes += n;
        at += n;
        if (this.heldBytes === this.need.read) {
          const bytes = Buffer.concat(this.held);
          this.held = [];
          this.heldBytes = 0;
          this.advance(bytes);
        }
      }
    }
    return this.result;
  }

  private advance(bytes: Uint8Array): void {
    const step = this.walk.next(bytes);
    if (step.done) this.result = step.value;
    else if ("skip" in step.value && step.value.skip === 0) this.advance(new Uint8Array());
    else this.need = step.value;
  }
}

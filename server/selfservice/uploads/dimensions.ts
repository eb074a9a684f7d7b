// Declared pixel sizes of images, read without decoding, to refuse decompression bombs. Pure.
import type { DetectedType } from "./sniff.js";

/** Longest side and most pixels an uploaded image may declare. */
export const MAX_SIDE = 20_000;
export const MAX_PIXELS = 64_000_000;

export interface Size {
  width: number;
  height: number;
}

const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function webpSize(b: Uint8Array): Size | null {
  const kind = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (kind === "VP8X" && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (kind === "VP8L" && b.length >= 25 && b[20] === 0x2f) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (kind === "VP8 " && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  return null;
}

/**
 * The size PNG and WebP declare in their first 30 bytes, or null when the header (within `head`) does not say.
 * JPEG and GIF may declare sizes anywhere: structure.ts walks them whole.
 */
export function declaredSize(type: DetectedType, head: Uint8Array): Size | null {
  if (type === "image/png" && head.length >= 24) return { width: u32be(head, 16), height: u32be(head, 20) };
  if (type === "image/webp") return webpSize(head);
  return null;
}

/** Why an image of this declared size is refused, or null when it is fine (or its size is not known). */
export function sizeProblem(size: Size | null): string | null {
  if (!size) return null;
  if (size.width === 0 || size.height === 0) return "declares an empty picture";
  if (size.width > MAX_SIDE || size.height > MAX_SIDE || size.width * size.height > MAX_PIXELS) {
    return `declares ${size.width}×${size.height} pixels (at most ${MAX_SIDE} a side and ${MAX_PIXELS / 1_000_000} million in all)`;
  }
  return null;
}

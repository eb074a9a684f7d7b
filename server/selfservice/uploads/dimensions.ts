// Declared pixel sizes of images, read from their headers without decoding, to refuse decompression bombs. Pure.
import type { DetectedType } from "./sniff.js";

/** Longest side and most pixels an uploaded image may declare. */
export const MAX_SIDE = 20_000;
export const MAX_PIXELS = 64_000_000;

export interface Size {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
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

function jpegSize(b: Uint8Array): Size | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Start-of-frame markers (not DHT C4, JPG C8, DAC CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) at += 2;
    else at += 2 + u16be(b, at + 2);
  }
  return null;
}

/** The declared size, or null when the header (within `head`) does not say. */
export function declaredSize(type: DetectedType, head: Uint8Array): Size | null {
  if (type === "image/png" && head.length >= 24) return { width: u32be(head, 16), height: u32be(head, 20) };
  if (type === "image/gif" && head.length >= 10) return { width: u16le(head, 6), height: u16le(head, 8) };
  if (type === "image/webp") return webpSize(head);
  if (type === "image/jpeg") return jpegSize(head);
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

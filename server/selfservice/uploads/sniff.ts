// What a file is, decided by its first bytes (magic numbers), never by its name or declared type. Pure.

/** The file types Parley accepts. */
export type DetectedType = "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "application/pdf";

/** Raster images (shown inline) and the screenshot allow-list. */
export const IMAGE_TYPES: readonly DetectedType[] = ["image/png", "image/jpeg", "image/gif", "image/webp"];
/** Everything a ticket may carry. */
export const ATTACHMENT_TYPES: readonly DetectedType[] = [...IMAGE_TYPES, "application/pdf"];

/** Bytes {@link sniff} needs to decide. */
export const SNIFF_BYTES = 16;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = ascii("IHDR");
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const VP8 = ascii("VP8");
const PDF = ascii("%PDF-");

/** The type of a file starting with `head` (at least {@link SNIFF_BYTES} bytes), or null when it is none we accept. */
export function sniff(head: Uint8Array): DetectedType | null {
  if (head.length < SNIFF_BYTES) return null;
  if (startsWith(head, PNG) && startsWith(head, IHDR, 12)) return "image/png";
  if (startsWith(head, JPEG) && head[3]! >= 0xc0) return "image/jpeg";
  if (startsWith(head, GIF87) || startsWith(head, GIF89)) return "image/gif";
  if (startsWith(head, RIFF) && startsWith(head, WEBP, 8) && startsWith(head, VP8, 12)) return "image/webp";
  if (startsWith(head, PDF)) return "application/pdf";
  return null;
}

// Markup that makes a browser (or an old one's sniffer) treat bytes as a page, looked for in the first KB.
const MARKUP = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta|a\s|img\s|\?xml)/i;

/** Bytes in which markup is looked for. */
export const MARKUP_WINDOW = 1024;

/** True when the first KB holds HTML/SVG/XML markup: a polyglot that a sniffing browser could run as a page. */
export function hasMarkup(head: Uint8Array): boolean {
  return MARKUP.test(Buffer.from(head.subarray(0, MARKUP_WINDOW)).toString("latin1"));
}

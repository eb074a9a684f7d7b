// Small files for upload tests, made byte by byte: real ones, disguised ones and polyglots.

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.isBuffer(p) ? p : Buffer.from(p))));

/** A valid 1×1 PNG. */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** A PNG header declaring width × height pixels (a decompression bomb when large). */
export function pngOfSize(width: number, height: number): Buffer {
  const png = Buffer.from(PNG);
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}

/** A JPEG with a JFIF header and a 16×16 frame. */
export const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0, 1, 1, 0, 0, 1, 0, 1, 0, 0], [0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], [0xff, 0xd9]);

/** A 2×2 GIF: screen, two-colour table, one frame, trailer. */
export const GIF = bytes("GIF89a", [2, 0, 2, 0, 0x80, 0, 0], Buffer.alloc(6), [0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0], [2, 2, 0x4c, 0x01, 0], ";");

/** A WebP (VP8) header, 8×8. */
export const WEBP = bytes("RIFF", [0x24, 0, 0, 0], "WEBP", "VP8 ", [0x18, 0, 0, 0], [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 8, 0, 8, 0], Buffer.alloc(16));

/** A small PDF. */
export const PDF = bytes("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

/** Web pages and programs that claim to be images. */
export const HTML = bytes("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
export const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
export const EXE = bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0], Buffer.alloc(64));

/** A real PNG signature followed by HTML in a text chunk: a sniffing browser would run it as a page. */
export const PNG_WITH_HTML = Buffer.concat([PNG.subarray(0, 33), bytes([0, 0, 0, 0x20], "tEXt", "c<html><script>alert(1)</script>"), PNG.subarray(33)]);

/**
 * A GIF that is also valid JavaScript (`GIF89a/*…*\/=alert(1);//…`): a real GIF (10799×1 screen, one 1×1 frame,
 * the script's end in a comment extension), accepted as an image, never servable as a script.
 */
export const GIF_JS_POLYGLOT = bytes("GIF89a/*", [1, 0, 0, 0, 0], [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0], [2, 2, 0x4c, 0x01, 0], [0x21, 0xfe, 28], "*/=alert(document.domain);//", [0], ";");

/** A JPEG whose frame header (width × height) comes after `metadataBytes` of APP1 segments (each at most 64 KB). */
export function jpegWithMetadata(metadataBytes: number, width: number, height: number): Buffer {
  const segments: Buffer[] = [];
  for (let left = metadataBytes; left > 0; left -= 65_000) {
    const body = Math.min(left, 65_000);
    segments.push(bytes([0xff, 0xe1, (body + 2) >> 8, (body + 2) & 0xff]), Buffer.alloc(body, 0x41));
  }
  const sof = bytes([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([bytes([0xff, 0xd8]), ...segments, sof, bytes([0xff, 0xda, 0, 2, 0, 0, 0xff, 0xd9])]);
}

/** A GIF with a `screen` logical screen and one frame of `frame` size at 0,0 (a bomb when the frame is large). */
export function gifWithFrame(screen: [number, number], frame: [number, number]): Buffer {
  const le = (n: number) => [n & 0xff, n >> 8];
  return bytes("GIF89a", le(screen[0]), le(screen[1]), [0x80, 0, 0], Buffer.alloc(6), [0x2c, 0, 0, 0, 0], le(frame[0]), le(frame[1]), [0], [2, 2, 0x4c, 0x01, 0], ";");
}

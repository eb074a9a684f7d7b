// Issue 9, finding 9: image size checks read the whole structure. A JPEG whose frame header follows 128 KB of
// metadata, and a GIF frame larger than its logical screen, are refused like any other decompression bomb.
import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import { GIF, GIF_JS_POLYGLOT, gifWithFrame, jpegWithMetadata, PNG } from "./files.js";
import type { UploadFile } from "./helpers.js";
import { StructureWalker } from "../../server/selfservice/uploads/structure.js";
import { openTicket, startServer, ticketWithToken, uploadsOf } from "./setup.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function refused(file: UploadFile, message: RegExp) {
  server = await startServer();
  const res = await openTicket(server, {}, [{ name: "fine.png", data: PNG }, file]);
  expect(res.status).toBe(415);
  expect((await res.json()).message).toMatch(message);
  expect(await server.store.tickets.list()).toEqual([]);
  expect(await uploadsOf(server)).toEqual([]);
}

describe("uploads: the whole image structure is read", () => {
  it("refuses a 30000×30000 JPEG whose frame header comes after 128 KB of metadata", async () => {
    await refused({ name: "bomb.jpg", data: jpegWithMetadata(128 * 1024, 30_000, 30_000) }, /"bomb.jpg" declares 30000×30000 pixels/);
  });

  it("refuses a JPEG with no frame header at all", async () => {
    const noFrame = Buffer.concat([jpegWithMetadata(70_000, 1, 1).subarray(0, 2 + 4 + 65_000), Buffer.from([0xff, 0xd9])]);
    await refused({ name: "odd.jpg", data: noFrame }, /"odd.jpg" has no frame header/);
  });

  it("refuses a GIF with a 1×1 screen and a 30000×30000 frame", async () => {
    await refused({ name: "bomb.gif", data: gifWithFrame([1, 1], [30_000, 30_000]) }, /"bomb.gif" has a 30000×30000 frame at 0,0 outside its 1×1 screen/);
  });

  it("refuses a GIF cut off before its trailer", async () => {
    await refused({ name: "cut.gif", data: GIF.subarray(0, GIF.length - 4) }, /"cut.gif" is cut off/);
  });

  it("accepts a JPEG of normal size after 128 KB of metadata, and well-formed GIFs", async () => {
    server = await startServer();
    const files = [
      { name: "photo.jpg", data: jpegWithMetadata(128 * 1024, 640, 480) },
      { name: "anim.gif", data: GIF },
      { name: "poly.gif", data: GIF_JS_POLYGLOT },
    ];
    const { id } = await ticketWithToken(server, {}, files);
    expect((await server.store.ticketMessages.list(id))[0]!.attachments.map((a) => a.type)).toEqual(["image/jpeg", "image/gif", "image/gif"]);
  });
});

describe("the structure walker", () => {
  const walk = (kind: "image/jpeg" | "image/gif", file: Buffer, step: number) => {
    const walker = new StructureWalker(kind);
    for (let at = 0; at < file.length && walker.result === null; at += step) walker.push(file.subarray(at, at + step));
    return walker.result;
  };

  it.each([1, 7, 4096])("gives the same answers for files delivered %i bytes at a time", (step) => {
    expect(walk("image/jpeg", jpegWithMetadata(140_000, 640, 480), step)).toEqual({ width: 640, height: 480 });
    expect(walk("image/gif", GIF, step)).toEqual({ width: 2, height: 2 });
    expect(walk("image/gif", GIF_JS_POLYGLOT, step)).toEqual({ width: 10799, height: 1 });
    expect(walk("image/gif", gifWithFrame([10, 10], [11, 10]), step)).toMatch(/outside its 10×10 screen/);
    expect(walk("image/gif", GIF.subarray(0, 20), step)).toBeNull();
  });
});

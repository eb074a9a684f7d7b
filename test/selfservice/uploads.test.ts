// Uploads: typed by their bytes, limited while streaming, stored under server-made names, served inertly,
// and never leaving a file behind when refused or interrupted.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TicketThreadView } from "../../server/protocol/selfservice.js";
import type { TestServer } from "../helpers/server.js";
import { EXE, GIF, GIF_JS_POLYGLOT, HTML, JPEG, PDF, PNG, PNG_WITH_HTML, SVG, WEBP, pngOfSize } from "./files.js";
import { rawUpload, waitFor, type UploadFile } from "./helpers.js";
import { openTicket, startServer, ticketWithToken, uploadsOf } from "./setup.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const start = async (env: Record<string, string> = {}) => (server = await startServer({ env }));

/** Opens a ticket with `files` and checks that a refusal left nothing: no ticket, no email, no file. */
/** A refused form: 415 is always `unsupported_type`; a file over the size limit `file_too_large`; other faults `invalid_payload`. */
async function refused(files: UploadFile[], status: number, message: RegExp, error = status === 415 ? "unsupported_type" : "invalid_payload") {
  const res = await openTicket(server!, {}, files);
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toMatchObject({ ok: false, error });
  expect(body.message).toMatch(message);
  expect(await server!.store.tickets.list()).toEqual([]);
  expect(await server!.store.mailQueue.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  expect(await uploadsOf(server!)).toEqual([]);
}

describe("uploads: accepted files", () => {
  it("stores PNG, JPEG, GIF, WebP and PDF under server-made names and serves them to the customer", async () => {
    await start();
    const files = [
      { name: "shot.png", data: PNG },
      { name: "photo.jpg", data: JPEG },
      { name: "anim.gif", data: GIF },
      { name: "pic.webp", data: WEBP },
      { name: "statement.pdf", data: PDF, type: "application/pdf" },
    ];
    const { token } = await ticketWithToken(server!, {}, files);
    const stored = await uploadsOf(server!);
    expect(stored).toHaveLength(5);
    for (const path of stored) expect(path).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
    const thread = (await (await fetch(`${server!.url}/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    const attachments = thread.messages[0]!.attachments;
    expect(attachments.map((a) => [a.name, a.type, a.size])).toEqual(files.map((f, i) => [f.name, ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"][i], f.data.length]));

    const png = await fetch(`${server!.url}${attachments[0]!.url}`);
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("x-content-type-options")).toBe("nosniff");
    expect(png.headers.get("content-security-policy")).toBe("sandbox");
    expect(png.headers.get("content-disposition")).toBe(`inline; filename="shot.png"; filename*=UTF-8''shot.png`);

    const pdf = await fetch(`${server!.url}${attachments[4]!.url}`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="statement.pdf"/);
    expect(pdf.headers.get("content-security-policy")).toBe("sandbox");
  });

  it("keeps an original name only as cleaned display text and downloads it with an extension that fits the bytes", async () => {
    await start({ ATTACHMENT_MAX_FILES: "10" });
    const names = ["../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2fsecret.png", "/abs/path/x.png", "  ..hidden.png", "CON", `${"n".repeat(300)}.png`, "bad\r\nname.png", "evil\u202Egnp.exe", "\u0645\u0644\u0641.png"];
    const { token } = await ticketWithToken(server!, {}, names.map((name) => ({ name, data: PNG })));
    const thread = (await (await fetch(`${server!.url}/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    const shown = thread.messages[0]!.attachments.map((a) => a.name);
    expect(shown.slice(0, 6)).toEqual(["passwd", "win.ini", "%2e%2e%2fsecret.png", "x.png", "hidden.png", "CON"]);
    expect(Array.from(shown[6]!)).toHaveLength(120);
    // Browsers percent-encode CR and LF in multipart file names; raw ones are tested below with filename*.
    expect(shown[7]).toBe("bad%0D%0Aname.png");
    expect(shown[8]).toBe("evilgnp.exe");
    expect(shown[9]).toBe("\u0645\u0644\u0641.png");
    for (const name of shown) expect(name).not.toMatch(/[\u0000-\u001f\u202e/\\]/);
    const disposition = async (i: number) => (await fetch(`${server!.url}${thread.messages[0]!.attachments[i]!.url}`)).headers.get("content-disposition");
    expect(await disposition(0)).toBe(`inline; filename="passwd.png"; filename*=UTF-8''passwd.png`);
    expect(await disposition(8)).toBe(`inline; filename="evilgnp.exe.png"; filename*=UTF-8''evilgnp.exe.png`);
    expect(await disposition(9)).toBe(`inline; filename="___.png"; filename*=UTF-8''%D9%85%D9%84%D9%81.png`);
    for (const path of await uploadsOf(server!)) expect(path).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
  });

  it("cleans NUL, CR and LF sent in encoded file names, and refuses a raw NUL in a part header", async () => {
    await start();
    const upload = rawUpload(`${server!.url}/api/tickets`);
    for (const [name, value] of Object.entries({ email: "kim@example.com", category: "Account", subject: "NUL", description: "d" })) upload.field(name, value);
    upload.fileStart("files", "", "image/png", "filename*=UTF-8''a.png%00.html");
    await upload.write(PNG);
    upload.req.write("\r\n");
    upload.fileStart("files", "", "image/png", "filename*=UTF-8''bad%0D%0ABcc%3A%20x.png");
    await upload.write(PNG);
    upload.end();
    expect((await upload.response).status).toBe(201);
    const [ticket] = await server!.store.tickets.list();
    expect((await server!.store.ticketMessages.list(ticket!.id))[0]!.attachments.map((a) => a.name)).toEqual(["a.png.html", "badBcc: x.png"]);

    const raw = rawUpload(`${server!.url}/api/tickets`);
    raw.field("email", "kim@example.com");
    raw.fileStart("files", "a.png\u0000.html");
    await raw.write(PNG);
    raw.end();
    expect((await raw.response).status).toBe(400);
    expect(await server!.store.tickets.list()).toHaveLength(1);
    await waitFor(async () => (await uploadsOf(server!)).length === 2, 5000, "only the first ticket's files");
  });

  it("accepts a GIF that is also JavaScript, and serves it only as an inert image", async () => {
    await start();
    const { token } = await ticketWithToken(server!, {}, [{ name: "x.js", data: GIF_JS_POLYGLOT, type: "text/javascript" }]);
    const thread = (await (await fetch(`${server!.url}/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    const file = await fetch(`${server!.url}${thread.messages[0]!.attachments[0]!.url}`);
    expect(file.headers.get("content-type")).toBe("image/gif");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toBe("sandbox");
    expect(file.headers.get("content-disposition")).toMatch(/filename="x.js.gif"/);
  });
});

describe("uploads: refused files leave nothing behind", () => {
  it.each([
    ["an HTML page named .png and declared image/png", { name: "cat.png", data: HTML, type: "image/png" }, /"cat.png" is not a PNG, JPEG, GIF, WebP, PDF file/],
    ["an SVG named .png", { name: "logo.png", data: SVG, type: "image/png" }, /"logo.png" is not a PNG/],
    ["an SVG declared image/svg+xml", { name: "logo.svg", data: SVG, type: "image/svg+xml" }, /is not a PNG/],
    ["a Windows program named .jpg", { name: "photo.jpg", data: EXE, type: "image/jpeg" }, /"photo.jpg" is not a PNG/],
    ["a PNG with HTML in its first kilobyte", { name: "shot.png", data: PNG_WITH_HTML }, /contains web page markup/],
    ["a PNG declaring 100,000 × 100,000 pixels", { name: "bomb.png", data: pngOfSize(100_000, 100_000) }, /declares 100000×100000 pixels/],
    ["a PNG declaring 0 pixels", { name: "empty.png", data: pngOfSize(0, 0) }, /declares an empty picture/],
    ["an empty file", { name: "nothing.png", data: Buffer.alloc(0) }, /is not a PNG/],
  ])("refuses %s with 415", async (_what, file, message) => {
    await start();
    await refused([{ name: "fine.png", data: PNG }, file], 415, message);
  });

  it("refuses more files than ATTACHMENT_MAX_FILES with 413", async () => {
    await start({ ATTACHMENT_MAX_FILES: "2" });
    await refused([0, 1, 2].map((i) => ({ name: `s${i}.png`, data: PNG })), 413, /At most 2 files/);
  });

  it("refuses a file above ATTACHMENT_MAX_MB with 413", async () => {
    await start({ ATTACHMENT_MAX_MB: "0.01" });
    await refused([{ name: "big.pdf", data: Buffer.concat([PDF, Buffer.alloc(20_000, 0x20)]) }], 413, /"big.pdf" is larger than 0.01 MB/, "file_too_large");
  });

  it("refuses files in another field, a repeated field and a field that is too long", async () => {
    await start();
    const form = new FormData();
    form.append("email", "kim@example.com");
    form.append("email", "eve@example.com");
    const res = await fetch(`${server!.url}/api/tickets`, { method: "POST", body: form, headers: { "x-parley-request": "1" } });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/"email" was sent more than once/);
    await refused([{ name: "x.png", data: PNG, field: "avatar" }], 400, /Files go in the "files" field, not "avatar"/);
    const long = await openTicket(server!, { description: "x".repeat(60_000) });
    expect(long.status).toBe(413);
  });

  it("answers 413 while a too large file is still streaming, before the body has arrived", async () => {
    await start({ ATTACHMENT_MAX_MB: "0.05" });
    const upload = rawUpload(`${server!.url}/api/tickets`);
    upload.field("email", "kim@example.com");
    upload.fileStart("files", "huge.png");
    await upload.write(PNG.subarray(0, 33));
    let answered = false;
    void upload.response.then(() => (answered = true), () => (answered = true));
    // Keep sending until the server answers; the request never ends, so the answer came mid-stream.
    for (let sent = 0; !answered && sent < 8 * 1024 * 1024; sent += 16 * 1024) await upload.write(Buffer.alloc(16 * 1024));
    const { status, body } = await upload.response;
    expect(status).toBe(413);
    expect(JSON.parse(body).message).toMatch(/"huge.png" is larger than 0.05 MB/);
    upload.req.destroy();
    await waitFor(async () => (await uploadsOf(server!)).length === 0, 5000, "no file left");
    expect(await server!.store.tickets.list()).toEqual([]);
  });

  it("deletes the temp file of an upload the client abandons midway", async () => {
    await start();
    const upload = rawUpload(`${server!.url}/api/tickets`);
    upload.field("email", "kim@example.com");
    upload.fileStart("files", "part.png");
    await upload.write(PNG.subarray(0, 33));
    await upload.write(Buffer.alloc(64 * 1024));
    await waitFor(async () => (await uploadsOf(server!)).some((f) => f.startsWith(".tmp/")), 5000, "the temp file");
    upload.req.destroy();
    await waitFor(async () => (await uploadsOf(server!)).length === 0, 5000, "the temp file to go");
    expect(await server!.store.tickets.list()).toEqual([]);
  });

  it("sweeps temp files left by a crash when it starts", async () => {
    const first = await start();
    const tmp = join(first.config.dataDir, "uploads", ".tmp");
    await mkdir(tmp, { recursive: true });
    await writeFile(join(tmp, "4242.deadbeef.part"), "left over");
    await first.app.close();
    const { createApp } = await import("../../server/app.js");
    const pino = (await import("pino")).default;
    const again = await createApp({ config: first.config, store: first.store, logger: pino({ level: "silent" }), publicDir: "." });
    await again.close();
    expect(await uploadsOf(first)).toEqual([]);
  });
});

// Issue 9, finding 5: upload quotas per ticket (files and bytes across all its messages) and per client address
// per hour. A refused upload gets a typed JSON error, stores nothing, keeps what was stored, leaves no temp file.
import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import { PDF, PNG } from "./files.js";
import { postForm, type UploadFile } from "./helpers.js";
import { openTicket, startServer, ticketWithToken, uploadsOf } from "./setup.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const pdf = (name: string, kb: number): UploadFile => ({ name, data: Buffer.concat([PDF, Buffer.alloc(kb * 1000, 0x20)]) });
const reply = (token: string, files: UploadFile[], text = "") => postForm(`${server!.url}/api/tickets/thread/${token}/replies`, { text }, files);

describe("upload quota per ticket", () => {
  it("refuses a reply whose files would pass TICKET_MAX_MB or TICKET_MAX_FILES with 413 quota_exceeded, keeping what is stored", async () => {
    server = await startServer({ env: { TICKET_MAX_MB: "0.06", TICKET_MAX_FILES: "3", ATTACHMENT_MAX_MB: "0.05" } });
    const { id, token } = await ticketWithToken(server, {}, [pdf("a.pdf", 25)]);

    const tooBig = await reply(token, [pdf("b.pdf", 25), pdf("c.pdf", 25)]);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ ok: false, error: "quota_exceeded", message: expect.stringMatching(/this ticket.*0\.06 MB/i) });
    expect(await server.store.ticketMessages.list(id)).toHaveLength(1);
    expect(await uploadsOf(server)).toHaveLength(1);

    expect((await reply(token, [pdf("b.pdf", 25)])).status).toBe(201);
    const tooMany = await reply(token, [{ name: "x.png", data: PNG }, { name: "y.png", data: PNG }]);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({ ok: false, error: "quota_exceeded", message: expect.stringMatching(/3 files/) });
    expect(await uploadsOf(server)).toHaveLength(2);

    // Words still get through.
    expect((await reply(token, [], "Any news?")).status).toBe(201);
    expect((await server.store.ticketMessages.list(id)).map((m) => m.attachments.length)).toEqual([1, 1, 0]);
  });
});

describe("upload quota per client address", () => {
  it("refuses uploads past UPLOAD_MB_PER_ADDRESS_PER_HOUR with 429 and Retry-After, across tickets, replies and feedback", async () => {
    server = await startServer({ env: { UPLOAD_MB_PER_ADDRESS_PER_HOUR: "0.05", ATTACHMENT_MAX_MB: "0.05" } });
    const { token } = await ticketWithToken(server, {}, [pdf("a.pdf", 20), pdf("b.pdf", 20)]);

    const second = await openTicket(server, {}, [pdf("c.pdf", 20)]);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await second.json()).toMatchObject({ ok: false, error: "rate_limited", message: expect.stringMatching(/0\.05 MB per hour/) });
    expect((await reply(token, [pdf("d.pdf", 20)])).status).toBe(429);
    const feedback = await postForm(`${server.url}/api/feedback`, { rating: "4" }, [{ name: "s.png", data: Buffer.concat([PNG, Buffer.alloc(20_000)]) }], {}, "screenshots");
    expect(feedback.status).toBe(429);

    expect(await server.store.tickets.list()).toHaveLength(1);
    expect(await uploadsOf(server)).toHaveLength(2);
    // Without files everything still works.
    expect((await openTicket(server)).status).toBe(201);
    expect((await reply(token, [], "Hello?")).status).toBe(201);
  });
});

describe("upload quota per forwarded client", () => {
  it("counts uploads per client behind a TRUST_PROXY proxy, not for everyone behind it together", async () => {
    server = await startServer({ env: { UPLOAD_MB_PER_ADDRESS_PER_HOUR: "0.05", ATTACHMENT_MAX_MB: "0.05", TRUST_PROXY: "127.0.0.1" } });
    const from = (client: string) => ({ "x-forwarded-for": client });
    const ticket = (client: string, files: UploadFile[]) => postForm(`${server!.url}/api/tickets`, { email: "kim@example.com", category: "Account", subject: "s", description: "d" }, files, from(client));

    expect((await ticket("203.0.113.7", [pdf("a.pdf", 20), pdf("b.pdf", 20)])).status).toBe(201);
    expect((await ticket("203.0.113.7", [pdf("c.pdf", 20)])).status).toBe(429);
    expect((await ticket("198.51.100.9", [pdf("d.pdf", 20), pdf("e.pdf", 20)])).status).toBe(201);
  });
});

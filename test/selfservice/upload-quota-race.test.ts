// Issue 9, finding 5 (follow-up): a ticket's quota holds under concurrent uploads. Every reply below has its file
// on the wire at the same moment (the test waits until each one is either being written to a temp file or has
// been answered before finishing any of them), so a check made against what the ticket held when each request
// began would let all of them through.
import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import { PDF } from "./files.js";
import { rawUpload, waitFor, type UploadFile } from "./helpers.js";
import { startServer, ticketWithToken, uploadsOf } from "./setup.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const pdf = (name: string, bytes: number): UploadFile => ({ name, data: Buffer.concat([PDF, Buffer.alloc(bytes - PDF.length, 0x20)]) });

/** Starts `count` replies whose file is cut in two; sends the second halves once every reply is in flight. */
async function concurrentReplies(token: string, count: number, fileBytes: number, firstPart: number) {
  const uploads = Array.from({ length: count }, (_, i) => ({ raw: rawUpload(`${server!.url}/api/tickets/thread/${token}/replies`), file: pdf(`r${i}.pdf`, fileBytes), answered: false }));
  for (const u of uploads) {
    void u.raw.response.then(() => (u.answered = true), () => (u.answered = true));
    u.raw.fileStart("files", u.file.name, "application/pdf");
    await u.raw.write(u.file.data.subarray(0, firstPart));
  }
  const parts = async () => (await uploadsOf(server!)).filter((f) => f.endsWith(".part")).length;
  await waitFor(async () => (await parts()) + uploads.filter((u) => u.answered).length >= count, 10_000, "every reply in flight");
  for (const u of uploads) {
    await u.raw.write(u.file.data.subarray(firstPart));
    u.raw.end();
  }
  return Promise.all(uploads.map(async (u) => {
    const { status, body } = await u.raw.response;
    return { status, body: JSON.parse(body) as { error?: string } };
  }));
}

const storedAttachments = async (ticketId: string) => (await server!.store.ticketMessages.list(ticketId)).flatMap((m) => m.attachments);

describe("ticket quota under concurrent uploads", () => {
  it("never lets parallel replies pass TICKET_MAX_FILES: the files left are shared out, the rest refused with 413", async () => {
    server = await startServer({ env: { TICKET_MAX_FILES: "3" } });
    const { id, token } = await ticketWithToken(server, {}, [pdf("first.pdf", 2_000)]);

    const answers = await concurrentReplies(token, 5, 4_000, 1_000);

    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(3);
    for (const a of refused) expect(a).toMatchObject({ status: 413, body: { error: "quota_exceeded" } });
    expect(await storedAttachments(id)).toHaveLength(3);
    await waitFor(async () => (await uploadsOf(server!)).length === 3, 5_000, "no temp file left");
  });

  it("never lets parallel replies pass TICKET_MAX_MB, and a refused reply gives its bytes back", async () => {
    // 0.06 MB = 62,914 bytes: 20,000 held leave room for one more 30,000-byte file, not two.
    server = await startServer({ env: { TICKET_MAX_MB: "0.06" } });
    const { id, token } = await ticketWithToken(server, {}, [pdf("first.pdf", 20_000)]);

    const answers = await concurrentReplies(token, 3, 30_000, 10_000);

    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a).toMatchObject({ status: 413, body: { error: "quota_exceeded" } });
    const held = await storedAttachments(id);
    expect(held.reduce((sum, a) => sum + a.size, 0)).toBe(50_000);
    await waitFor(async () => (await uploadsOf(server!)).length === 2, 5_000, "no temp file left");
  });
});

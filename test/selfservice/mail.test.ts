// Email over real SMTP (an smtp-server on port 0): what customers receive, that no field can add a header or a
// recipient, and that a failed send is retried with backoff until it is delivered, the reply never lost.
import { afterEach, describe, expect, it } from "vitest";
import { openLowdbStore } from "../../server/store/lowdb.js";
import { addAgent, signIn } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";
import { makeTempDir, removeTempDirs } from "../store/temp-dir.js";
import { postForm, postJson, startSmtp, waitFor, type TestSmtp } from "./helpers.js";
import { agentCookie, FAST_RETRIES, openTicket, outbox, startServer, TICKET, uploadsOf } from "./setup.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).reverse().map((x) => x.close()));
  await removeTempDirs();
});

async function withSmtp(options: { smtp?: TestSmtp; env?: Record<string, string>; dir?: string; mailMaxAttempts?: number } = {}) {
  const smtp = options.smtp ?? (await startSmtp());
  if (!options.smtp) open.push(smtp);
  const env = { SMTP_URL: smtp.url, MAIL_FROM: "Parley Support <help@parley.example>", PUBLIC_URL: "https://chat.parley.example", ...options.env };
  const store = options.dir ? await openLowdbStore(options.dir, { lock: true }) : undefined;
  const selfService = { ...FAST_RETRIES, ...(options.mailMaxAttempts !== undefined && { mailMaxAttempts: options.mailMaxAttempts }) };
  const server: TestServer = await startServer({ env: options.dir ? { ...env, DATA_DIR: options.dir } : env, ...(store && { store }), deps: { selfService } });
  open.push(server);
  return { smtp, server };
}

const LINK = /https:\/\/chat\.parley\.example\/support\/t\/[A-Za-z0-9_-]{43}/;

describe("ticket emails over SMTP", () => {
  it("sends the confirmation, each agent reply and the solved notice to the customer only", async () => {
    const { smtp, server } = await withSmtp();
    expect((await openTicket(server, { subject: "Deposit missing", category: "Deposit" })).status).toBe(201);
    const confirmation = await waitFor(() => smtp.mails[0], 10_000, "the confirmation");
    expect(confirmation.from).toBe("help@parley.example");
    expect(confirmation.to).toEqual(["kim@example.com"]);
    expect(confirmation.headers.get("subject")).toEqual(["[#1001] We received your request"]);
    expect(confirmation.headers.get("from")).toEqual(["Parley Support <help@parley.example>"]);
    expect(confirmation.headers.get("to")).toEqual(["kim@example.com"]);
    expect(confirmation.headers.get("content-type")?.[0]).toMatch(/^text\/plain/);
    expect(confirmation.text).toContain("opened ticket #1001 (Deposit).");
    expect(confirmation.text).not.toContain("Deposit missing");
    const link = LINK.exec(confirmation.text)![0];

    const [ticket] = await server.store.tickets.list();
    const cookie = await agentCookie(server, "agent", "Jonas");
    await postForm(`${server.url}/api/agent/tickets/${ticket!.id}/replies`, { text: "We found it.\nIt arrives today." }, [], { cookie });
    const reply = await waitFor(() => smtp.mails[1], 10_000, "the reply");
    expect(reply.to).toEqual(["kim@example.com"]);
    expect(reply.headers.get("subject")).toEqual(["Re: [#1001] Deposit missing"]);
    expect(reply.text).toContain("Jonas answered your ticket #1001:\n\nWe found it.\nIt arrives today.");
    expect(reply.text).toContain(link);

    await postJson(`${server.url}/api/agent/tickets/${ticket!.id}/status`, { status: "solved" }, { cookie });
    const solved = await waitFor(() => smtp.mails[2], 10_000, "the solved notice");
    expect(solved.headers.get("subject")).toEqual(["[#1001] Solved: Deposit missing"]);
    expect(solved.text).toContain(link);
    expect(smtp.mails).toHaveLength(3);
  });

  it.each([
    ["an email with CRLF and Bcc", { email: "kim@example.com\r\nBcc: evil@example.com" }, "email"],
    ["an email with LF and a second address", { email: "kim@example.com\nevil@example.com" }, "email"],
    ["two addresses", { email: "kim@example.com, evil@example.com" }, "email"],
    ["a name and an address", { email: "Kim <kim@example.com>" }, "email"],
    ["a 10 KB email", { email: `${"k".repeat(10_000)}@example.com` }, "email"],
    ["a subject with CRLF and Bcc", { subject: "Help\r\nBcc: evil@example.com" }, "subject"],
    ["a subject with a bare LF", { subject: "Help\nX-Injected: 1" }, "subject"],
  ])("refuses %s with 400, stores nothing and sends nothing", async (_what, fields, path) => {
    const { smtp, server } = await withSmtp();
    const res = await openTicket(server, fields);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: "invalid_payload", issues: [expect.objectContaining({ path })] });
    expect(await server.store.tickets.list()).toEqual([]);
    expect(await server.store.mailQueue.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    expect(smtp.attempts).toBe(0);
  });

  it("accepts an internationalised domain and sends to it", async () => {
    const { smtp, server } = await withSmtp();
    expect((await openTicket(server, { email: "kim@bücher.example" })).status).toBe(201);
    const mail = await waitFor(() => smtp.mails[0]);
    // Sent as UTF-8 (the server offers SMTPUTF8) or as punycode, never refused or mangled.
    expect(mail.to).toHaveLength(1);
    expect(mail.to[0]).toMatch(/^kim@(bücher|xn--bcher-kva)\.example$/);
  });

  it("keeps injection attempts in text and names inside the body: one recipient, no extra header", async () => {
    const { smtp, server } = await withSmtp();
    const description = "Hi\r\n\r\n.\r\nMAIL FROM:<evil@example.com>\r\nBcc: evil@example.com\r\n<script>alert(1)</script>";
    await openTicket(server, { description });
    const agent = await addAgent(server.store, { name: "Eve\r\nBcc: evil@example.com" });
    const cookie = await signIn(server.url, agent.email, agent.password);
    const [ticket] = await server.store.tickets.list();
    await postForm(`${server.url}/api/agent/tickets/${ticket!.id}/replies`, { text: "To: evil@example.com\r\n\r\nBcc: evil@example.com" }, [], { cookie });
    await waitFor(() => smtp.mails.length === 2);
    for (const mail of smtp.mails) {
      expect(mail.to).toEqual(["kim@example.com"]);
      expect([...mail.headers.keys()]).not.toContain("bcc");
      expect([...mail.headers.keys()].filter((h) => h === "to")).toHaveLength(1);
      expect(mail.raw.split(/\r?\n\r?\n/)[0]).not.toMatch(/evil/);
    }
    expect(smtp.mails[1]!.text).toContain("Eve Bcc: evil@example.com answered");
  });
});

describe("the email queue", () => {
  it("retries a refused send with backoff and delivers it later; the reply was stored first", async () => {
    const { smtp, server } = await withSmtp();
    smtp.refuseNext = 3;
    await openTicket(server);
    const [ticket] = await server.store.tickets.list();
    const first = await waitFor(async () => (await server.store.mailQueue.listByTicket(ticket!.id)).find((e) => e.attempts >= 1));
    expect(first).toMatchObject({ status: "pending", lastError: expect.stringMatching(/451/) });
    expect(first.nextAttemptAt).toBeGreaterThan(first.createdAt);
    const sent = await waitFor(async () => (await server.store.mailQueue.listByTicket(ticket!.id)).find((e) => e.status === "sent"));
    expect(sent).toMatchObject({ attempts: 4, lastError: null });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.attempts).toBe(4);
  });

  it("keeps an agent reply while the SMTP server is down and delivers it once it is back", async () => {
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const down = { ...probe, url: `smtp://127.0.0.1:${port}` };
    // Enough attempts that the confirmation is still pending when the reply is written, however slow the machine
    // (12 fast attempts could run out while the agent signs in, and a failed email is never sent).
    const { server } = await withSmtp({ smtp: down, mailMaxAttempts: 10_000 });
    await openTicket(server);
    const [ticket] = await server.store.tickets.list();
    const cookie = await agentCookie(server);
    const reply = await postForm(`${server.url}/api/agent/tickets/${ticket!.id}/replies`, { text: "Here is the answer" }, [], { cookie });
    expect(reply.status).toBe(201);
    expect((await server.store.ticketMessages.list(ticket!.id)).at(-1)?.text).toBe("Here is the answer");
    await waitFor(async () => (await server.store.mailQueue.listByTicket(ticket!.id)).every((e) => e.attempts >= 2 && e.status === "pending"));
    const back = await startSmtp(port);
    open.push(back);
    await waitFor(() => back.mails.length === 2, 10_000, "both emails");
    expect(back.mails.map((m) => m.headers.get("subject")?.[0]).sort()).toEqual(["Re: [#1001] Cannot sign in", "[#1001] We received your request"]);
    expect(back.mails.find((m) => m.text.includes("Here is the answer"))).toBeDefined();
  });

  it("marks an email failed after the last attempt", async () => {
    const smtp = await startSmtp();
    open.push(smtp);
    smtp.refuseNext = 100;
    const server = await startServer({ env: { SMTP_URL: smtp.url }, deps: { selfService: { mailRetryDelaysMs: [10], mailMaxAttempts: 3 } } });
    open.push(server);
    await openTicket(server);
    const [ticket] = await server.store.tickets.list();
    const failed = await waitFor(async () => (await server.store.mailQueue.listByTicket(ticket!.id)).find((e) => e.status === "failed"));
    expect(failed.attempts).toBe(3);
    expect(smtp.attempts).toBe(3);
  });

  it("sends after a restart what was still pending when the server stopped", async () => {
    const dir = await makeTempDir();
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    const first = await withSmtp({ smtp: { ...probe, url: `smtp://127.0.0.1:${port}` }, dir });
    await openTicket(first.server);
    await waitFor(async () => (await first.server.store.mailQueue.due(Number.MAX_SAFE_INTEGER, 10)).some((e) => e.attempts >= 1));
    await first.server.close();
    open.splice(open.indexOf(first.server), 1);

    const back = await startSmtp(port);
    open.push(back);
    const second = await withSmtp({ smtp: back, dir });
    const mail = await waitFor(() => back.mails[0], 10_000, "the confirmation after the restart");
    expect(mail.headers.get("subject")).toEqual(["[#1001] We received your request"]);
    // The link still opens the ticket: it comes from the key in DATA_DIR, not from anything kept in memory.
    const token = /\/support\/t\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
    expect((await fetch(`${second.server.url}/api/tickets/thread/${token}`)).status).toBe(200);
  });
});

describe("without SMTP_URL", () => {
  it("writes each email as an .eml file under DATA_DIR/outbox", async () => {
    const server = await startServer();
    open.push(server);
    await openTicket(server, { subject: "Outbox test" });
    const [mail] = await waitFor(async () => {
      const mails = await outbox(server);
      return mails.length === 1 ? mails : null;
    });
    expect(mail!.name).toMatch(/^e_[A-Za-z0-9_-]+\.eml$/);
    expect(mail!.headers.get("to")).toEqual([TICKET.email]);
    expect(mail!.headers.get("subject")).toEqual(["[#1001] We received your request"]);
    expect(mail!.text).toMatch(/\/support\/t\/[A-Za-z0-9_-]{43}/);
    expect(await uploadsOf(server)).toEqual([]);
  });
});

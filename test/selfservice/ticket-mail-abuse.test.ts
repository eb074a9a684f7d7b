// Issue 9, finding 6: the ticket form cannot be used to mail attacker-written text from "Parley Support" to any
// address. The confirmation carries only the ticket number, a fixed text and the private link, and tickets are
// limited per recipient address as well as per client address. Over real SMTP (an smtp-server on port 0).
import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.js";
import { startSmtp, waitFor, type TestSmtp } from "./helpers.js";
import { openTicket, startServer } from "./setup.js";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).reverse().map((x) => x.close()));
});

async function withSmtp(env: Record<string, string> = {}): Promise<{ smtp: TestSmtp; server: TestServer }> {
  const smtp = await startSmtp();
  open.push(smtp);
  const server = await startServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Parley Support <help@parley.example>", PUBLIC_URL: "https://chat.parley.example", ...env } });
  open.push(server);
  return { smtp, server };
}

const PHISH = { email: "victim@example.com", subject: "Account locked: call +1-555-0100 now", description: "Your account is locked. Call +1-555-0100 and give us your 2FA code." };

describe("ticket confirmations carry no attacker text", () => {
  it("sends a fixed confirmation with only the number and the private link", async () => {
    const { smtp, server } = await withSmtp();
    expect((await openTicket(server, PHISH)).status).toBe(201);
    const mail = await waitFor(() => smtp.mails[0], 10_000, "the confirmation");
    expect(mail.to).toEqual(["victim@example.com"]);
    expect(mail.headers.get("subject")).toEqual(["[#1001] We received your request"]);
    expect(mail.text).toContain("opened ticket #1001 ");
    expect(mail.text).toMatch(/https:\/\/chat\.parley\.example\/support\/t\/[A-Za-z0-9_-]{43}/);
    for (const part of ["555", "Account locked", "call", "give us your"]) {
      expect(mail.text).not.toContain(part);
      expect(mail.headers.get("subject")![0]).not.toContain(part);
    }
    // The ticket itself keeps what was written, for agents.
    expect((await server.store.tickets.list())[0]).toMatchObject({ subject: PHISH.subject });
  });
});

describe("ticket creation is limited per recipient address", () => {
  it("refuses a 6th ticket within the hour to the same address (however it is spelt) with 429, and sends 5 emails", async () => {
    const { smtp, server } = await withSmtp();
    const spellings = ["victim@example.com", "Victim@Example.com", "victim+a@example.com", "VICTIM+b@example.com", "victim@EXAMPLE.com"];
    for (const email of spellings) expect((await openTicket(server, { ...PHISH, email })).status).toBe(201);
    const sixth = await openTicket(server, { ...PHISH, email: "victim+c@example.com" });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await sixth.json()).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await server.store.tickets.list()).toHaveLength(5);
    // Another recipient from the same client address still gets through.
    expect((await openTicket(server, { ...PHISH, email: "someone@example.com" })).status).toBe(201);
    await waitFor(() => smtp.mails.length === 6 || null, 10_000, "six emails");
    expect(smtp.mails.filter((m) => m.to[0]!.toLowerCase().startsWith("victim"))).toHaveLength(5);
  });

  it("takes the limit from TICKETS_PER_EMAIL_PER_HOUR", async () => {
    const { server } = await withSmtp({ TICKETS_PER_EMAIL_PER_HOUR: "2" });
    expect((await openTicket(server, PHISH)).status).toBe(201);
    expect((await openTicket(server, PHISH)).status).toBe(201);
    expect((await openTicket(server, PHISH)).status).toBe(429);
  });
});

// Bad input to the ticket form: each refused with 400 naming the field, nothing stored, no file left.
import { describe, expect, it } from "vitest";
import type { TicketThreadView } from "../../server/protocol/selfservice.js";
import { PNG } from "./files.js";
import { postForm } from "./helpers.js";
import { openTicket, TICKET, ticketWithToken, uploadsOf, useServer } from "./setup.js";

const server = useServer();

describe("the ticket form refuses bad input", () => {
  it.each([
    ["no email", { email: "" }, "email", "is required"],
    ["an invalid email", { email: "kim.example.com" }, "email", "is not one valid email address"],
    ["an email with two @", { email: "kim@@example.com" }, "email", "is not one valid email address"],
    ["no category", { category: "" }, "category", "is required"],
    ["an unknown category", { category: "Lottery" }, "category", "must be one of: Account, Deposit, Withdrawal, Trading, Verification, Other"],
    ["no subject", { subject: "   " }, "subject", "is required"],
    ["a subject of 201 characters", { subject: "s".repeat(201) }, "subject", "has 201 characters; the limit is 200"],
    ["a subject with a tab", { subject: "a\tb" }, "subject", "must be one line without control characters"],
    ["no description", { description: "\n\n" }, "description", "is required"],
    ["a description of 10,001 characters", { description: "d".repeat(10_001) }, "description", "has 10001 characters; the limit is 10000"],
    ["an unknown language", { language: "xx" }, "language", '"xx" is not one of the languages offered (en, de)'],
    ["a script as language", { language: "<script>" }, "language", "is not one of the languages offered"],
    ["an unknown source", { source: "admin" }, "source", "must be one of: form, widget, offline"],
  ])("refuses %s", async (_what, fields, path, message) => {
    const res = await openTicket(server(), fields, [{ name: "screen.png", data: PNG }]);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(body.message).toMatch(/^The ticket was not created: /);
    expect(body.issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await server().store.tickets.list()).toEqual([]);
    expect(await uploadsOf(server())).toEqual([]);
  });

  it("counts characters, not bytes or UTF-16 units: 200 emoji make a valid subject", async () => {
    expect((await openTicket(server(), { subject: "😀".repeat(200), description: "é".repeat(10_000) })).status).toBe(201);
  });

  it("refuses a body that is not a form at all", async () => {
    const json = await fetch(`${server().url}/api/tickets`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(TICKET) });
    expect(json.status).toBe(400);
    expect((await json.json()).message).toMatch(/multipart\/form-data/);
  });

  it("stores HTML as plain text and never acts on fields the server sets itself", async () => {
    const xss = '<img src=x onerror=alert(1)>"><svg onload=alert(1)>';
    const { token, id } = await ticketWithToken(server(), { subject: xss, description: `<script>alert(1)</script>\r\n[x](javascript:alert(1))`, status: "solved", number: "1", id: "t_mine", tokenHash: "0".repeat(64) });
    const thread = (await (await fetch(`${server().url}/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    expect(thread.subject).toBe(xss);
    expect(thread.messages[0]!.text).toBe("<script>alert(1)</script>\n[x](javascript:alert(1))");
    expect(thread).toMatchObject({ status: "open", number: 1001 });
    expect(id).not.toBe("t_mine");
  });

  it("refuses a customer reply that is empty or too long, storing nothing", async () => {
    const { token, id } = await ticketWithToken(server());
    for (const text of ["", "  \n ", "r".repeat(10_001)]) {
      const res = await postForm(`${server().url}/api/tickets/thread/${token}/replies`, { text }, []);
      expect(res.status).toBe(400);
    }
    const onlyFile = await postForm(`${server().url}/api/tickets/thread/${token}/replies`, {}, [{ name: "more.png", data: PNG }]);
    expect(onlyFile.status).toBe(201);
    expect((await server().store.ticketMessages.list(id)).map((m) => [m.text, m.attachments.length])).toEqual([
      ["I forgot my password.", 0],
      ["", 1],
    ]);
  });
});

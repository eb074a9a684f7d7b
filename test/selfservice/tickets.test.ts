// Tickets over HTTP: open one, read and answer it by its private link, work it from the inbox.
import { describe, expect, it } from "vitest";
import type { AgentTicketSummary, AgentTicketView, TicketThreadView } from "../../server/protocol/selfservice.js";
import { postForm, postJson, waitFor } from "./helpers.js";
import { PNG } from "./files.js";
import { agentCookie, openTicket, outbox, TICKET, ticketWithToken, uploadsOf, useServer } from "./setup.js";

const server = useServer();

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server().url}${path}`, { headers });

describe("tickets: the customer's side", () => {
  it("opens a ticket with the next number and emails a private link of at least 128 bits", async () => {
    const first = await openTicket(server());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ number: 1001 });
    expect(await (await openTicket(server(), { email: "lea@example.com" })).json()).toMatchObject({ number: 1002 });
    const [ticket] = await server().store.tickets.list({ status: "open" }).then((all) => all.filter((t) => t.number === 1001));
    expect(ticket).toMatchObject({ email: "kim@example.com", category: "Account", subject: "Cannot sign in", language: "en", source: "form", status: "open" });
    const { token } = await ticketWithToken(server(), { email: "max@example.com" });
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(JSON.stringify(await server().store.tickets.list())).not.toContain(token);
  });

  it("shows the thread by its token, takes a reply with a file, and reopens a solved ticket", async () => {
    const { token, id } = await ticketWithToken(server(), {}, [{ name: "screen.png", data: PNG }]);
    const thread = (await (await get(`/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    expect(thread).toMatchObject({ number: 1001, subject: "Cannot sign in", category: "Account", status: "open" });
    expect(thread.messages).toHaveLength(1);
    expect(thread.messages[0]).toMatchObject({ author: "customer", text: "I forgot my password." });
    expect(thread.messages[0]!.attachments[0]).toMatchObject({ name: "screen.png", type: "image/png", size: PNG.length });
    expect(thread.messages[0]!.attachments[0]!.url).toBe(`/api/tickets/thread/${token}/files/${thread.messages[0]!.attachments[0]!.id}`);

    const cookie = await agentCookie(server());
    await postJson(`${server().url}/api/agent/tickets/${id}/status`, { status: "solved" }, { cookie });
    const reply = await postForm(`${server().url}/api/tickets/thread/${token}/replies`, { text: "Still broken" });
    expect(reply.status).toBe(201);
    const after = (await reply.json()) as TicketThreadView;
    expect(after.status).toBe("open");
    expect(after.messages.map((m) => [m.author, m.text])).toEqual([
      ["customer", "I forgot my password."],
      ["system", "This ticket was marked as solved."],
      ["customer", "Still broken"],
    ]);
    expect((await server().store.tickets.get(id))?.awaitingAgent).toBe(true);
  });

  it("answers an unknown or malformed token with 404 and never says whether it exists", async () => {
    for (const token of ["A".repeat(43), "short", "../../etc/passwd", "%2e%2e%2f"]) {
      const res = await get(`/api/tickets/thread/${encodeURIComponent(token)}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ ok: false, error: "not_found", message: "No such ticket" });
    }
  });

  it("sends the thread with no-store and no-referrer", async () => {
    const { token } = await ticketWithToken(server());
    const res = await get(`/api/tickets/thread/${token}`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("tells the form its categories, file limits and channels", async () => {
    const res = await get("/api/selfservice/config");
    expect(await res.json()).toMatchObject({
      categories: ["Account", "Deposit", "Withdrawal", "Trading", "Verification", "Other"],
      maxFiles: 5,
      maxFileBytes: 10 * 1024 * 1024,
      channels: expect.arrayContaining([{ id: "telegram", name: "Telegram" }, { id: "x", name: "X" }]),
    });
  });

  it("limits ticket creation per client address: a burst of 10, then 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await openTicket(server(), { email: `c${i}@example.com` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
    expect(await server().store.tickets.list()).toHaveLength(10);
  });
});

describe("tickets: the agents' side", () => {
  it("lists the inbox with filters by status, category and language", async () => {
    const cookie = await agentCookie(server());
    await openTicket(server(), { category: "Deposit", language: "de" });
    await openTicket(server(), { category: "Withdrawal" });
    const { id } = await ticketWithToken(server(), { category: "deposit" });
    await postJson(`${server().url}/api/agent/tickets/${id}/status`, { status: "pending" }, { cookie });
    const inbox = async (query = "") => ((await (await get(`/api/agent/tickets${query}`, { cookie })).json()) as { tickets: AgentTicketSummary[] }).tickets;
    expect((await inbox()).map((t) => t.number)).toEqual([1003, 1002, 1001]);
    expect((await inbox("?status=pending")).map((t) => t.number)).toEqual([1003]);
    expect((await inbox("?category=Deposit")).map((t) => t.number)).toEqual([1003, 1001]);
    expect((await inbox("?language=de")).map((t) => t.number)).toEqual([1001]);
    expect((await inbox("?status=open&category=Withdrawal")).map((t) => t.number)).toEqual([1002]);
    expect((await inbox())[2]).toMatchObject({ number: 1001, email: TICKET.email, awaitingAgent: true, source: "form", status: "open" });
    for (const bad of ["?status=closed", "?status=open&status=solved", `?category=${"x".repeat(101)}`]) {
      const res = await get(`/api/agent/tickets${bad}`, { cookie });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: "invalid_payload" });
    }
  });

  it("shows a ticket, replies with a file (pending, emailed) and solves it (emailed)", async () => {
    const cookie = await agentCookie(server(), "agent", "Jonas");
    const { id, token } = await ticketWithToken(server());
    const view = (await (await get(`/api/agent/tickets/${id}`, { cookie })).json()) as AgentTicketView;
    expect(view).toMatchObject({ id, number: 1001, email: TICKET.email, language: "en", source: "form", conversationId: null });

    const reply = await postForm(`${server().url}/api/agent/tickets/${id}/replies`, { text: "Use the reset link." }, [{ name: "steps.png", data: PNG }], { cookie });
    expect(reply.status).toBe(201);
    const replied = (await reply.json()) as AgentTicketView;
    expect(replied.status).toBe("pending");
    expect(replied.messages.at(-1)).toMatchObject({ author: "agent", authorName: "Jonas", text: "Use the reset link." });
    expect(replied.messages.at(-1)!.attachments[0]!.url).toMatch(new RegExp(`^/api/agent/tickets/${id}/files/f_`));
    const customer = (await (await get(`/api/tickets/thread/${token}`)).json()) as TicketThreadView;
    expect(customer.messages.at(-1)).toMatchObject({ author: "agent", authorName: "Jonas", text: "Use the reset link." });

    const solved = await postJson(`${server().url}/api/agent/tickets/${id}/status`, { status: "solved" }, { cookie });
    expect(((await solved.json()) as AgentTicketView).status).toBe("solved");
    const subjects = await waitFor(async () => {
      const mails = await outbox(server());
      return mails.length === 3 ? mails.map((m) => m.headers.get("subject")?.[0] ?? "") : null;
    });
    expect(subjects.sort()).toEqual(["Re: [#1001] Cannot sign in", "[#1001] Solved: Cannot sign in", "[#1001] We received your request"]);
    expect((await server().store.mailQueue.listByTicket(id)).map((e) => [e.kind, e.status])).toEqual([
      ["ticket_created", "sent"],
      ["agent_reply", "sent"],
      ["ticket_solved", "sent"],
    ]);
  });

  it("refuses a bad status change and an empty reply, and answers 404 for an unknown ticket", async () => {
    const cookie = await agentCookie(server());
    const { id } = await ticketWithToken(server());
    expect((await postJson(`${server().url}/api/agent/tickets/${id}/status`, { status: "closed" }, { cookie })).status).toBe(400);
    expect((await postJson(`${server().url}/api/agent/tickets/${id}/status`, {}, { cookie })).status).toBe(400);
    const empty = await postForm(`${server().url}/api/agent/tickets/${id}/replies`, { text: "   " }, [], { cookie });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: "invalid_payload", issues: [{ path: "text", message: "is required" }] });
    for (const path of ["/api/agent/tickets/t_nope", "/api/agent/tickets/..%2f..%2fetc", "/api/agent/tickets/t_nope/files/f_x"]) {
      expect((await get(path, { cookie })).status).toBe(404);
    }
    expect((await postJson(`${server().url}/api/agent/tickets/t_nope/status`, { status: "open" }, { cookie })).status).toBe(404);
    expect((await server().store.ticketMessages.list(id)).map((m) => m.author)).toEqual(["customer"]);
    expect(await uploadsOf(server())).toEqual([]);
  });
});

// Issue 10: the creator of a ticket gets its private token (an app shows the thread at once), and agents see whether
// the address is proven — only a verified customer (IDENTITY_SECRET) whose email it is proves it.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AgentTicketSummary, AgentTicketView, TicketThreadView } from "../../server/protocol/selfservice.js";
import type { VisitorCredentials } from "../../server/protocol/views.js";
import { registerVisitor } from "../helpers/clients.js";
import { agentCookie, openTicket, tokenFromOutbox, useServer } from "./setup.js";

const SECRET = "ticket-token-secret-ticket-token-secret";
const sign = (id: string) => createHmac("sha256", SECRET).update(id).digest("hex");

const server = useServer({ env: { IDENTITY_SECRET: SECRET } });

async function verifiedCustomer(email: string): Promise<VisitorCredentials> {
  const device = await registerVisitor(server().url);
  const res = await fetch(`${server().url}/api/visitors/identify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...device, id: "cust-1", name: "Ada", email, hash: sign("cust-1") }),
  });
  const body = (await res.json()) as { verified: boolean } & VisitorCredentials;
  if (!body.verified) throw new Error("not verified");
  return { visitorId: body.visitorId, token: body.token };
}

async function created(fields: Record<string, string> = {}) {
  const res = await openTicket(server(), fields);
  expect(res.status).toBe(201);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as { number: number; token: string; url: string };
}

async function asAgent(number: number) {
  const cookie = await agentCookie(server());
  const list = (await (await fetch(`${server().url}/api/agent/tickets`, { headers: { cookie } })).json()) as { tickets: AgentTicketSummary[] };
  const summary = list.tickets.find((t) => t.number === number)!;
  const view = (await (await fetch(`${server().url}/api/agent/tickets/${summary.id}`, { headers: { cookie } })).json()) as AgentTicketView;
  return { summary, view };
}

describe("a ticket's private token for its creator", () => {
  it("answers the creator with the same token the email carries, which opens the thread", async () => {
    const ticket = await created();
    expect(ticket.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ticket.url).toBe(`${server().config.publicUrl}/support/t/${ticket.token}`);
    expect(await tokenFromOutbox(server(), ticket.number)).toBe(ticket.token);
    const thread = (await (await fetch(`${server().url}/api/tickets/thread/${ticket.token}`)).json()) as TicketThreadView;
    expect(thread).toMatchObject({ number: ticket.number, subject: "Cannot sign in" });
    expect(JSON.stringify(await server().store.tickets.list())).not.toContain(ticket.token);
  });

  it("marks a ticket from the public form as email unverified", async () => {
    const { number } = await created();
    const { summary, view } = await asAgent(number);
    expect(summary.emailVerified).toBe(false);
    expect(view.emailVerified).toBe(false);
  });

  it("marks the email verified only when a verified customer with that email created it", async () => {
    const customer = await verifiedCustomer("ada@example.com");
    const own = await created({ email: "Ada@Example.com", visitorId: customer.visitorId, visitorToken: customer.token });
    expect((await asAgent(own.number)).view.emailVerified).toBe(true);
    // The same verified customer typing someone else's address proves nothing about it.
    const other = await created({ email: "boss@example.com", visitorId: customer.visitorId, visitorToken: customer.token });
    expect((await asAgent(other.number)).summary.emailVerified).toBe(false);
  });

  it("proves nothing with an anonymous visitor or with wrong credentials", async () => {
    const anonymous = await registerVisitor(server().url);
    const a = await created({ email: "ada@example.com", visitorId: anonymous.visitorId, visitorToken: anonymous.token });
    expect((await asAgent(a.number)).view.emailVerified).toBe(false);
    const customer = await verifiedCustomer("ada@example.com");
    const b = await created({ email: "ada@example.com", visitorId: customer.visitorId, visitorToken: anonymous.token });
    expect((await asAgent(b.number)).view.emailVerified).toBe(false);
  });
});

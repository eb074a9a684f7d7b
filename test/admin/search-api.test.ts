import { describe, expect, it } from "vitest";
import { conversation } from "../store/fixtures.js";
import { useTestServer } from "../helpers/server.js";
import { call, signedIn } from "./helpers.js";

const server = useTestServer();

async function seed(assigneeId: string) {
  const store = server().store;
  const now = Date.now();
  await store.conversations.create(conversation({ id: "c_mia", visitorId: "v1", visitorName: "Mia Müller", visitorEmail: "mia@example.com", assigneeId, createdAt: now - 3_600_000, status: "closed", closedAt: now - 3_000_000, closedBy: "agent" }));
  await store.conversations.create(conversation({ id: "c_other", visitorId: "v2", visitorName: "Jonas", assigneeId: "a_someone_else", createdAt: now - 7_200_000, status: "closed", closedAt: now - 7_000_000, closedBy: "agent" }));
  await store.messages.append("c_mia", { id: "m_1", author: "visitor", text: "My refund never arrived, can you check?", at: now - 3_500_000 });
  await store.messages.append("c_other", { id: "m_2", author: "visitor", text: "Another refund question", at: now - 7_100_000 });
}

describe("/api/search", () => {
  it("finds message text, names and emails; agents see only conversations assigned to them, supervisors all", async () => {
    const agent = await signedIn(server(), "agent");
    const supervisor = await signedIn(server(), "supervisor");
    await seed(agent.agent.id);
    expect((await call(server(), "GET", "/api/search?q=refund")).status).toBe(401);
    const mine = await call(server(), "GET", "/api/search?q=REFUND", agent.cookie);
    expect(mine.body.conversations.map((c: { id: string }) => c.id)).toEqual(["c_mia"]);
    expect(mine.body.conversations[0].match).toContain("refund never arrived");
    const all = await call(server(), "GET", "/api/search?q=refund", supervisor.cookie);
    expect(all.body.conversations.map((c: { id: string }) => c.id)).toEqual(["c_mia", "c_other"]);
    expect((await call(server(), "GET", "/api/search?q=muller", supervisor.cookie)).body.conversations[0].match).toBe("Name: Mia Müller");
    expect((await call(server(), "GET", "/api/search?q=mia@example", supervisor.cookie)).body.conversations[0].match).toBe("Email: mia@example.com");
    expect((await call(server(), "GET", "/api/search?q=refund&to=2000-01-01", supervisor.cookie)).body.conversations).toEqual([]);
  });

  it("opens a past conversation read-only for whoever may see it, 404 for others", async () => {
    const agent = await signedIn(server(), "agent");
    const admin = await signedIn(server(), "admin");
    await seed(agent.agent.id);
    const opened = await call(server(), "GET", "/api/search/conversations/c_mia", agent.cookie);
    expect(opened.status).toBe(200);
    expect(opened.body.messages.map((m: { text: string }) => m.text)).toEqual(["My refund never arrived, can you check?"]);
    expect((await call(server(), "GET", "/api/search/conversations/c_other", agent.cookie)).status).toBe(404);
    expect((await call(server(), "GET", "/api/search/conversations/c_other", admin.cookie)).status).toBe(200);
    expect((await call(server(), "GET", "/api/search/conversations/..%2Fx", admin.cookie)).status).toBe(404);
  });

  it("finds tickets by subject, email and thread text", async () => {
    const agent = await signedIn(server(), "agent");
    const now = Date.now();
    await server().store.tickets.create({ id: "t_1", email: "sam@example.com", language: "en", category: "Other", subject: "Printer on fire", status: "open", source: "form", conversationId: null, tokenHash: "h1", awaitingAgent: true, createdAt: now, updatedAt: now, solvedAt: null });
    await server().store.ticketMessages.append("t_1", { id: "tm1", author: "customer", text: "The toner smokes", attachments: [], at: now });
    for (const [q, match] of [["printer", "Printer on fire"], ["sam@", "Email: sam@example.com"], ["toner", "The toner smokes"]]) {
      const res = await call(server(), "GET", `/api/search?q=${encodeURIComponent(q!)}`, agent.cookie);
      expect(res.body.tickets.map((t: { number: number; match: string }) => [t.number, t.match])).toEqual([[1001, match]]);
    }
  });

  it.each([["from=yesterday", "from"], ["to=2026-13-45", "to"], ["q=a&q=b", "q"], ["from=2026-05-02&to=2026-05-01", "from"]])("refuses %s with a typed 400", async (qs, path) => {
    const { cookie } = await signedIn(server(), "agent");
    const res = await call(server(), "GET", `/api/search?${qs}`, cookie);
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

// Emailing a chat's transcript to the customer (issue 8): the holding agent or a supervisor asks, the email goes through
// the durable queue to the customer's address, holds the customer's messages as plain text and never an internal note;
// others get "not found"; no email address, bad input and floods are refused with typed errors and queue nothing.
import { afterEach, describe, expect, it } from "vitest";
import type { AgentConversationView } from "../../server/protocol/views.js";
import { addAgent, closeAllSockets, connectVisitor, msgId, next, signIn, connectAgent, type AgentSocket } from "../helpers/clients.js";
import { startTestServer, type TestServer } from "../helpers/server.js";
import { postJson, startSmtp, waitFor, type TestSmtp } from "../selfservice/helpers.js";
import { outbox } from "../selfservice/setup.js";

let server: TestServer;
let smtp: TestSmtp | null = null;
afterEach(async () => {
  closeAllSockets();
  await server?.close();
  await smtp?.close();
  smtp = null;
});

/** Ann (online) with Mia's chat: Mia's message, Ann's reply, and Ann's internal note. */
async function chatWithNote(email: string | null = "mia@example.com", text = "My parcel is late\nsince Monday") {
  const ann = await addAgent(server.store, { languages: ["en"], name: "Ann" });
  const annCookie = await signIn(server.url, ann.email, ann.password);
  const annSocket: AgentSocket = await connectAgent(server.url, annCookie);
  const visitor = await connectVisitor(server.url);
  const assigned = next<AgentConversationView>(annSocket, "conversation:assigned");
  const started = await visitor.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name: "Mia", ...(email && { email }), message: { id: msgId(), text } });
  if (!started.ok) throw new Error(started.error);
  const conversation = await assigned;
  await annSocket.timeout(5000).emitWithAck("note:add", { conversationId: conversation.id, id: msgId(), text: "SECRET: customer is on the watch list" });
  await annSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "It leaves today." });
  return { ann, annCookie, annSocket, visitor, conversation };
}

const ask = (id: string, cookie: string, body: unknown = {}) => postJson(`${server.url}/api/agent/conversations/${encodeURIComponent(id)}/transcript-email`, body, { cookie });
const transcriptMails = async () => (await server.store.mailQueue.listByTicket((await server.store.conversations.listOpen())[0]?.id ?? "none")).length;

describe("emailing a chat transcript", () => {
  it("emails the holding agent's chat to the customer as plain text, without notes and without later messages", async () => {
    server = await startTestServer();
    const { annCookie, annSocket, conversation } = await chatWithNote();
    const res = await ask(conversation.id, annCookie);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ to: "mia@example.com" });
    await annSocket.timeout(5000).emitWithAck("message:send", { conversationId: conversation.id, id: msgId(), text: "Written after the request" });

    const mail = await waitFor(async () => (await outbox(server)).find((m) => m.headers.get("subject")?.[0]?.startsWith("Your chat with us on")), 10_000, "the transcript email");
    expect(mail.headers.get("to")).toEqual(["mia@example.com"]);
    expect(mail.headers.get("content-type")?.[0]).toMatch(/^text\/plain/);
    expect(mail.text).toContain("Customer Mia: \u2068My parcel is late\u2069");
    expect(mail.text).toContain("    \u2068since Monday\u2069");
    expect(mail.text).toContain("Agent Ann: \u2068It leaves today.\u2069");
    expect(mail.text).not.toContain("SECRET");
    expect(mail.text).not.toContain("watch list");
    expect(mail.text).not.toContain("Written after the request");
    const [queued] = await server.store.mailQueue.listByTicket(conversation.id);
    expect(queued).toMatchObject({ kind: "chat_transcript", to: "mia@example.com", status: "sent" });
  });

  it("lets a supervisor send it; another agent, a signed-out caller and a cross-site form get nothing", async () => {
    server = await startTestServer();
    const { conversation } = await chatWithNote();
    const other = await addAgent(server.store, { languages: ["en"], name: "Bo" });
    const boss = await addAgent(server.store, { languages: ["en"], name: "Sue", role: "supervisor" });
    expect((await ask(conversation.id, await signIn(server.url, other.email, other.password))).status).toBe(404);
    expect((await ask(conversation.id, "")).status).toBe(401);
    const form = await fetch(`${server.url}/api/agent/conversations/${conversation.id}/transcript-email`, {
      method: "POST",
      headers: { cookie: await signIn(server.url, boss.email, boss.password), "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(form.status).toBe(415);
    expect(await transcriptMails()).toBe(0);
    const bySupervisor = await ask(conversation.id, await signIn(server.url, boss.email, boss.password));
    expect(bySupervisor.status).toBe(202);
    expect(await transcriptMails()).toBe(1);
  });

  it("refuses a chat without an email address, an unknown id and a body with fields, queueing nothing", async () => {
    server = await startTestServer();
    const { annCookie, conversation } = await chatWithNote(null);
    const none = await ask(conversation.id, annCookie);
    expect(none.status).toBe(409);
    expect(await none.json()).toMatchObject({ ok: false, error: "no_email" });
    expect((await ask("c_nosuchconversation", annCookie)).status).toBe(404);
    expect((await ask("../../etc", annCookie)).status).toBe(404);
    const extra = await ask(conversation.id, annCookie, { to: "eve@example.com" });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await server.store.mailQueue.listByTicket(conversation.id)).toEqual([]);
  });

  it("sends a conversation at most 3 transcripts an hour", async () => {
    server = await startTestServer();
    const { annCookie, conversation } = await chatWithNote();
    for (let i = 0; i < 3; i++) expect((await ask(conversation.id, annCookie)).status).toBe(202);
    const flood = await ask(conversation.id, annCookie);
    expect(flood.status).toBe(429);
    expect(await flood.json()).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await server.store.mailQueue.listByTicket(conversation.id)).toHaveLength(3);
  });

  it("holds the limit of 3 when the requests come all at once (the embedded store, whose reads take real time)", async () => {
    server = await startTestServer({ storeKind: "lowdb" });
    const { annCookie, conversation } = await chatWithNote();
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => ask(conversation.id, annCookie)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(await server.store.mailQueue.listByTicket(conversation.id)).toHaveLength(3);
  });

  it("reaches the customer over SMTP with one recipient, whatever header lines the customer typed", async () => {
    smtp = await startSmtp();
    server = await startTestServer({ env: { SMTP_URL: smtp.url } });
    const { annCookie, conversation } = await chatWithNote("mia@example.com", "My parcel is late\r\nBcc: eve@evil.example\r\n\r\nSubject: hi");
    expect((await ask(conversation.id, annCookie)).status).toBe(202);
    const mail = await waitFor(() => smtp!.mails[0], 10_000, "the SMTP delivery");
    expect(mail.to).toEqual(["mia@example.com"]);
    expect(smtp.attempts).toBe(1);
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.text).not.toContain("SECRET");
    expect(mail.text).toContain("My parcel is late");
    expect(mail.text).toContain("    \u2068Bcc: eve@evil.example\u2069");
    expect(mail.headers.get("subject")).toEqual([expect.stringMatching(/^Your chat with us on \d{4}-\d{2}-\d{2}$/)]);
  });
});

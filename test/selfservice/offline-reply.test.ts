// Answers for a customer who left (issue 10): an agent's answers to a customer with no socket open are emailed after
// OFFLINE_REPLY_EMAIL_SECONDS, batched, never notes, never twice, not once read; the email's link opens that one
// conversation (and nothing else of the customer's) until it expires, and the customer answers from it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createChatLinks } from "../../server/auth/chat-link.js";
import { loadTicketKey } from "../../server/selfservice/tickets/tokens.js";
import type { AgentConversationView, VisitorCredentials } from "../../server/protocol/views.js";
import { addAgent, agentOnline, closeAllSockets, connectVisitor, msgId, next, type AgentSocket, type VisitorSocket } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";
import { postJson, waitFor } from "./helpers.js";
import { outbox, startServer } from "./setup.js";

let server: TestServer;
afterEach(async () => {
  closeAllSockets();
  await server.close();
});

const LINK = /\/chat\/c\/([A-Za-z0-9_.-]+)/;
const chatMails = async () => (await outbox(server)).filter((m) => m.text.includes("/chat/c/"));

async function chatWithAgent(email: string | null = "mia@example.com") {
  const agent = await addAgent(server.store, { languages: ["en"], name: "Jonas" });
  const agentSocket = await agentOnline(server.url, agent);
  const visitor = await connectVisitor(server.url);
  const assigned = next<AgentConversationView>(agentSocket, "conversation:assigned");
  const started = await visitor.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name: "Mia", ...(email ? { email } : {}), message: { id: msgId(), text: "Where is my refund?" } });
  if (!started.ok) throw new Error(started.error);
  await assigned;
  return { agentSocket, visitor, conversationId: started.data.conversation.id };
}

async function say(agentSocket: AgentSocket, conversationId: string, text: string) {
  const sent = await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text });
  if (!sent.ok) throw new Error(sent.error);
  return sent.data;
}

async function leave(socket: VisitorSocket, visitorId: string) {
  socket.disconnect();
  await expect.poll(() => server.app.desk.visitors.count(visitorId)).toBe(0);
}

describe("answers emailed to a customer who left", () => {
  beforeEach(async () => {
    server = await startServer({ env: { OFFLINE_REPLY_EMAIL_SECONDS: "0.3" } });
  });

  it("batches the answers into one email without the notes, and emails only newer answers afterwards", async () => {
    const { agentSocket, visitor, conversationId } = await chatWithAgent();
    await leave(visitor.socket, visitor.credentials.visitorId);
    await say(agentSocket, conversationId, "The refund left today.");
    const note = await agentSocket.timeout(5000).emitWithAck("note:add", { conversationId, id: msgId(), text: "INTERNAL: customer is VIP" });
    expect(note.ok).toBe(true);
    await say(agentSocket, conversationId, "It takes 2 days.");
    const [mail] = await waitFor(async () => ((await chatMails()).length > 0 ? chatMails() : null), 10_000, "the email");
    expect(mail!.headers.get("to")).toEqual(["mia@example.com"]);
    expect(mail!.headers.get("subject")).toEqual(["2 new answers in your chat"]);
    expect(mail!.text).toContain("The refund left today.");
    expect(mail!.text).toContain("It takes 2 days.");
    expect(mail!.text).not.toContain("INTERNAL");
    expect(mail!.text).toContain(`${server.config.publicUrl}/chat/c/`);
    const stored = await server.store.conversations.get(conversationId);
    expect(stored?.emailedSeq).toBe(await server.store.messages.lastSeq(conversationId));
    // Later answers: a second email with only those.
    await say(agentSocket, conversationId, "Anything else?");
    const second = await waitFor(async () => (await chatMails()).find((m) => m.text.includes("Anything else?")), 10_000, "the second email");
    expect(second.text).not.toContain("It takes 2 days.");
    expect(second.headers.get("subject")).toEqual(["A new answer in your chat"]);
    await server.app.desk.idle();
    expect(await chatMails()).toHaveLength(2);
  });

  it("emails nothing without an address, and nothing the customer had read before leaving", async () => {
    const anonymous = await chatWithAgent(null);
    await leave(anonymous.visitor.socket, anonymous.visitor.credentials.visitorId);
    await say(anonymous.agentSocket, anonymous.conversationId, "Hello anonymous");
    // A second chat whose customer reads the answer, then leaves: the email, if any, would come after the first's.
    const known = await chatWithAgent("kim@example.com");
    const read = await say(known.agentSocket, known.conversationId, "Read before leaving");
    await known.visitor.socket.timeout(5000).emitWithAck("conversation:read", { conversationId: known.conversationId, seq: read.seq });
    await leave(known.visitor.socket, known.visitor.credentials.visitorId);
    await say(known.agentSocket, known.conversationId, "Sent after leaving");
    const mail = await waitFor(async () => (await chatMails()).find((m) => m.text.includes("Sent after leaving")), 10_000, "the email");
    expect(mail.text).not.toContain("Read before leaving");
    expect((await chatMails()).some((m) => m.text.includes("Hello anonymous"))).toBe(false);
  });
});

describe("a customer who comes back in time", () => {
  beforeEach(async () => {
    server = await startServer({ env: { OFFLINE_REPLY_EMAIL_SECONDS: "2" } });
  });

  it("gets no email for what they read on return", async () => {
    const { agentSocket, visitor, conversationId } = await chatWithAgent();
    await leave(visitor.socket, visitor.credentials.visitorId);
    const first = await say(agentSocket, conversationId, "Answered while away");
    const back = await connectVisitor(server.url, visitor.credentials);
    await back.socket.timeout(5000).emitWithAck("conversation:read", { conversationId, seq: first.seq });
    await leave(back.socket, visitor.credentials.visitorId);
    await say(agentSocket, conversationId, "Answered after the return");
    const mail = await waitFor(async () => (await chatMails()).find((m) => m.text.includes("Answered after the return")), 15_000, "the email");
    expect(mail.text).not.toContain("Answered while away");
    expect(await chatMails()).toHaveLength(1);
  });
});

describe("the emailed link", () => {
  beforeEach(async () => {
    server = await startServer({ env: { OFFLINE_REPLY_EMAIL_SECONDS: "0.3" } });
  });

  async function emailedLink() {
    const chat = await chatWithAgent();
    await leave(chat.visitor.socket, chat.visitor.credentials.visitorId);
    await say(chat.agentSocket, chat.conversationId, "Your refund is approved");
    const mail = await waitFor(async () => (await chatMails()).find((m) => m.text.includes("Your refund is approved")), 10_000, "the email");
    return { ...chat, token: LINK.exec(mail.text)![1]! };
  }

  const redeem = async (token: unknown) => {
    const res = await postJson(`${server.url}/api/chat-links/redeem`, { token });
    return { status: res.status, cache: res.headers.get("cache-control"), body: (await res.json()) as VisitorCredentials & { conversationId: string; error?: string } };
  };

  it("opens that conversation for its customer, who reads the answer and replies to the agent", async () => {
    const { agentSocket, conversationId, token, visitor } = await emailedLink();
    const page = await fetch(`${server.url}/chat/c/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const granted = await redeem(token);
    expect(granted).toMatchObject({ status: 200, cache: "no-store", body: { visitorId: visitor.credentials.visitorId, conversationId } });
    expect(granted.body.token).not.toBe(visitor.credentials.token);
    expect(JSON.stringify(await server.store.visitors.get(visitor.credentials.visitorId))).not.toContain(granted.body.token);
    const linked = await connectVisitor(server.url, { visitorId: granted.body.visitorId, token: granted.body.token });
    const resumed = await linked.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed.ok && resumed.data.conversation?.id).toBe(conversationId);
    expect(resumed.ok && resumed.data.messages.map((m: { text: string }) => m.text)).toContain("Your refund is approved");
    const heard = next<{ text: string }>(agentSocket, "message:created", (m) => m.text === "Thank you!");
    const sent = await linked.socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "Thank you!" });
    expect(sent.ok).toBe(true);
    await heard;
  });

  it("grants nothing else: no other conversation, no new chat, no push device", async () => {
    const { agentSocket, conversationId, token, visitor } = await emailedLink();
    // The customer's earlier chat ends; a later one of theirs stays out of the link's reach.
    await agentSocket.timeout(5000).emitWithAck("conversation:close", { conversationId });
    const own = await connectVisitor(server.url, visitor.credentials);
    const other = await own.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "A new question" } });
    if (!other.ok) throw new Error(other.error);
    const granted = await redeem(token);
    const linked = await connectVisitor(server.url, { visitorId: granted.body.visitorId, token: granted.body.token });
    const otherId = other.data.conversation.id;
    expect(await linked.socket.timeout(5000).emitWithAck("conversation:transcript", { conversationId: otherId })).toMatchObject({ ok: false, error: "not_found" });
    expect(await linked.socket.timeout(5000).emitWithAck("message:send", { conversationId: otherId, id: msgId(), text: "x" })).toMatchObject({ ok: false, error: "not_found" });
    expect(await linked.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", message: { id: msgId(), text: "x" } })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await linked.socket.timeout(5000).emitWithAck("device:register", { platform: "apns", token: "device-token-1" })).toMatchObject({ ok: false, error: "forbidden" });
    const list = await linked.socket.timeout(5000).emitWithAck("conversation:list", {});
    expect(list.ok && list.data.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    // With another chat open the linked (ended) one is still what resume gives, never the open one.
    const resumed = await linked.socket.timeout(5000).emitWithAck("conversation:resume", { afterSeq: 0 });
    expect(resumed.ok ? resumed.data.conversation?.id : resumed.error).not.toBe(otherId);
    // The link's credentials prove no identity for a ticket either, identify no one, and reach no other chat's files.
    expect((await server.app.api.visitor.authenticate(granted.body.visitorId, granted.body.token))?.scope).toBe(conversationId);
    const identify = await postJson(`${server.url}/api/visitors/identify`, { visitorId: granted.body.visitorId, token: granted.body.token, id: "cust-1", hash: "00" });
    expect(identify.status).toBe(401);
    const files = await fetch(`${server.url}/api/conversations/${otherId}/files/f_x`, { headers: { "x-parley-visitor": granted.body.visitorId, authorization: `Bearer ${granted.body.token}` } });
    expect([401, 404]).toContain(files.status);
    const ownFiles = await fetch(`${server.url}/api/conversations/${otherId}/files/f_x`, { headers: { "x-parley-visitor": visitor.credentials.visitorId, authorization: `Bearer ${visitor.credentials.token}` } });
    expect(ownFiles.status).toBe(404);
  });

  it("refuses a forged, tampered, expired or ticket token with 404", async () => {
    const { token, conversationId, visitor } = await emailedLink();
    const links = createChatLinks(await loadTicketKey(server.config.ticketKeyDir));
    const expired = links.tokenFor({ conversationId, visitorId: visitor.credentials.visitorId, expiresAt: Date.now() - 1 });
    const forged = createChatLinks(Buffer.alloc(32, 7)).tokenFor({ conversationId, visitorId: visitor.credentials.visitorId, expiresAt: Date.now() + 60_000 });
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    for (const bad of [expired, forged, tampered, "x".repeat(43), 42, null]) {
      const res = await redeem(bad);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe("not_found");
    }
  });
});

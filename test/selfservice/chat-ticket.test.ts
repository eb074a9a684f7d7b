// A ticket made from a chat: only by the visitor who owns it, with the transcript, and the waiting chat ended.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentOnline, addAgent, closeAllSockets, connectVisitor, msgId, next } from "../helpers/clients.js";
import type { TestServer } from "../helpers/server.js";
import { PNG } from "./files.js";
import { openTicket, startServer, uploadsOf } from "./setup.js";

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  closeAllSockets();
  await server.close();
});

async function chatWithQueuedConversation(text = "My withdrawal is stuck") {
  const visitor = await connectVisitor(server.url);
  const started = await visitor.socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name: "Mia", message: { id: msgId(), text } });
  if (!started.ok) throw new Error(started.message);
  return { ...visitor, conversationId: started.data.conversation.id };
}

describe("tickets from a chat", () => {
  it("copies the transcript into the first message, links the chat and ends it while it is still queued", async () => {
    const chat = await chatWithQueuedConversation();
    const ended = next<{ status: string }>(chat.socket, "conversation:updated", (c) => c.status === "closed");
    const res = await openTicket(server, { conversationId: chat.conversationId, visitorId: chat.credentials.visitorId, visitorToken: chat.credentials.token, source: "widget" });
    expect(res.status).toBe(201);
    const [ticket] = await server.store.tickets.list();
    expect(ticket).toMatchObject({ source: "chat", conversationId: chat.conversationId });
    const [first] = await server.store.ticketMessages.list(ticket!.id);
    expect(first!.text).toMatch(/^I forgot my password\.\n\nChat transcript \(times in UTC, started \d{4}-\d{2}-\d{2} \d{2}:\d{2}\):\n\[[^\]]+\] Customer Mia: \u2068My withdrawal is stuck\u2069$/);
    await ended;
    expect((await server.store.conversations.get(chat.conversationId))?.status).toBe("closed");
  });

  it("leaves a chat an agent is already answering open", async () => {
    const agent = await addAgent(server.store, { languages: ["en"] });
    await agentOnline(server.url, agent);
    const chat = await chatWithQueuedConversation();
    await server.app.desk.idle();
    const assigned = await server.store.conversations.get(chat.conversationId);
    expect(assigned?.status).toBe("assigned");
    const res = await openTicket(server, { conversationId: chat.conversationId, visitorId: chat.credentials.visitorId, visitorToken: chat.credentials.token });
    expect(res.status).toBe(201);
    expect((await server.store.conversations.get(chat.conversationId))?.status).toBe("assigned");
  });

  it.each([
    ["another visitor's token", "other"],
    ["a wrong token", "wrong"],
    ["an unknown conversation", "unknown"],
  ])("answers 404 with %s, stores nothing and keeps the chat", async (_what, kind) => {
    const chat = await chatWithQueuedConversation();
    const other = await connectVisitor(server.url);
    const fields = {
      other: { conversationId: chat.conversationId, visitorId: other.credentials.visitorId, visitorToken: other.credentials.token },
      wrong: { conversationId: chat.conversationId, visitorId: chat.credentials.visitorId, visitorToken: other.credentials.token },
      unknown: { conversationId: "c_doesnotexist", visitorId: chat.credentials.visitorId, visitorToken: chat.credentials.token },
    }[kind]!;
    const res = await openTicket(server, fields, [{ name: "shot.png", data: PNG }]);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: "not_found", message: "No such conversation" });
    expect(await server.store.tickets.list()).toEqual([]);
    expect(await uploadsOf(server)).toEqual([]);
    expect((await server.store.conversations.get(chat.conversationId))?.status).toBe("queued");
  });

  it("refuses a conversation id without the visitor's credentials, or one that is not an id", async () => {
    for (const fields of [{ conversationId: "c_x" }, { conversationId: "../../x", visitorId: "v_x", visitorToken: "t" }] as Record<string, string>[]) {
      const res = await openTicket(server, fields);
      expect(res.status).toBe(400);
    }
    expect(await server.store.tickets.list()).toEqual([]);
  });
});

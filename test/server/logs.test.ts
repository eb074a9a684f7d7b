// Logs at info carry ids and events, never what people typed or the secrets they hold: a chat, a ticket with a
// customer reply, sign-in, sign-out and a password change run against the production logger, and no message text,
// name, subject, password, session or visitor token, ticket link token or cookie appears in a single line.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/password.js";
import { createLogger } from "../../server/logger.js";
import { addAgent, agentOnline, closeAllSockets, connectVisitor, msgId, next, signIn } from "../helpers/clients.js";
import { startTestServer } from "../helpers/server.js";
import { postJson } from "../selfservice/helpers.js";
import { FAST_RETRIES, ticketWithToken } from "../selfservice/setup.js";
import type { AgentConversationView } from "../../server/protocol/views.js";

describe("structured logs at info", () => {
  it("hold no message text, names, passwords, tokens or cookies through a chat, a ticket, sign-in and a password change", async () => {
    const lines: string[] = [];
    const capture = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const server = await startTestServer({ env: { LANGUAGES: "en" }, logger: createLogger("info", capture), deps: { selfService: FAST_RETRIES } });
    const secrets: string[] = [];
    try {
      const oldPassword = "correct horse battery staple-9F3";
      const newPassword = "a brand new password-Q7Z";
      secrets.push(oldPassword, newPassword);
      const agent = await addAgent(server.store, { email: "quiet.agent@example.com", name: "Zebulon Quietly", password: oldPassword });
      const cookie = await signIn(server.url, agent.email, agent.password);
      secrets.push(cookie.split("=")[1]!);
      const agentSocket = await agentOnline(server.url, agent);

      // A chat, both ways.
      const { socket, credentials } = await connectVisitor(server.url);
      secrets.push(credentials.token, "Xanthippe Visitor", "my card number is 4111-SECRET-CHAT", "agent answer SECRET-REPLY", "second SECRET-FOLLOWUP");
      const assigned = next<AgentConversationView>(agentSocket, "conversation:assigned");
      const started = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", name: "Xanthippe Visitor", message: { id: msgId(), text: "my card number is 4111-SECRET-CHAT" } });
      if (!started.ok) throw new Error(started.error);
      const conversationId = started.data.conversation.id;
      await assigned;
      expect((await agentSocket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "agent answer SECRET-REPLY" })).ok).toBe(true);
      expect((await socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "second SECRET-FOLLOWUP" })).ok).toBe(true);
      // A refused message (too long) is logged no more than an accepted one.
      await socket.timeout(5000).emitWithAck("message:send", { conversationId, id: msgId(), text: "SECRET-TOOLONG".repeat(400) });
      secrets.push("SECRET-TOOLONG");

      // A ticket and a reply on the customer's private link.
      const ticket = await ticketWithToken(server, { email: "ticket.owner@example.com", subject: "Subject SECRET-SUBJECT", description: "Description SECRET-DESCRIPTION" });
      secrets.push(ticket.token, "ticket.owner@example.com", "SECRET-SUBJECT", "SECRET-DESCRIPTION", "SECRET-CUSTOMER-REPLY");
      const reply = new FormData();
      reply.append("text", "SECRET-CUSTOMER-REPLY");
      const replied = await fetch(`${server.url}/api/tickets/thread/${ticket.token}/replies`, { method: "POST", body: reply, headers: { "x-parley-request": "1" } });
      expect(replied.status).toBeLessThan(300);

      // A wrong password, a sign-out, and a password change that ends the sessions.
      expect((await postJson(`${server.url}/api/auth/login`, { email: agent.email, password: "wrong SECRET-GUESS" })).status).toBe(401);
      secrets.push("SECRET-GUESS");
      await postJson(`${server.url}/api/auth/logout`, {}, { cookie });
      const dropped = new Promise((resolve) => agentSocket.once("disconnect", resolve));
      await server.store.agents.put({ ...agent, passwordHash: await hashPassword(newPassword), updatedAt: 1 });
      await dropped;
      expect((await postJson(`${server.url}/api/auth/login`, { email: agent.email, password: newPassword })).status).toBe(200);
    } finally {
      closeAllSockets();
      await server.close();
    }

    const log = lines.join("");
    // The run was logged (so the check below is not vacuous)…
    expect(log).toContain("conversation assigned");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    // …and none of it leaks.
    for (const secret of secrets) expect(log, `log contains ${secret.slice(0, 12)}…`).not.toContain(secret);
  });
});


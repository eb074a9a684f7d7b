// Issue 9, finding 11: the page a visitor was on is kept as origin + path only. A query string or fragment (which
// may hold tokens, emails, order numbers) is dropped at the server boundary, whatever the client sends.
import { describe, expect, it } from "vitest";
import type { AgentConversationView } from "../../server/protocol/views.js";
import { addAgent, agentOnline, connectVisitor, msgId, next } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();

describe("the visitor's page URL", () => {
  it.each([
    ["https://shop.example/cart?session=secret&email=kim%40example.com#pay", "https://shop.example/cart"],
    ["https://shop.example:8443/a/b/?q=1", "https://shop.example:8443/a/b/"],
    ["https://user:pw@shop.example/help#top", "https://shop.example/help"],
    ["HTTPS://Shop.Example", "https://shop.example/"],
  ])("keeps %s as %s in the store and in the agent's view", async (sent, kept) => {
    const agent = await agentOnline(server().url, await addAgent(server().store, { languages: ["en"] }));
    const { socket } = await connectVisitor(server().url);
    const assigned = next<AgentConversationView>(agent, "conversation:assigned");
    const reply = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en", pageUrl: sent, message: { id: msgId(), text: "Hi" } });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect((await assigned).pageUrl).toBe(kept);
    expect((await server().store.conversations.get(reply.data.conversation.id))?.pageUrl).toBe(kept);
  });
});

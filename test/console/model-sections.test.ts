import { describe, expect, it } from "vitest";
import { conversationView, messageView } from "./fakes.js";
import { connectedHarness, settle } from "./model-setup.js";

describe("console sections", () => {
  it("starts in Chats with the sections of the agent's role", async () => {
    const { model } = await connectedHarness();
    expect(model.route.value).toEqual({ section: "chats" });
    expect(model.sections.value.map((s) => s.href)).toEqual(["#/chats", "#/tickets", "#/search", "#/feedback", "#/canned"]);
  });

  it("does not count chat messages as read while the agent is on another page", async () => {
    const { model, fake, http } = await connectedHarness([conversationView({ lastSeq: 1 })]);
    fake.respond("conversation:history", () => ({ ok: true, data: { conversation: conversationView({ lastSeq: 1 }), messages: [messageView(1)], notes: [] } }));
    http.respond("GET", "/api/agent/feedback", { ok: false, status: 500, error: "internal", message: "", issues: [] });
    model.actions.openConversation("c1");
    await settle();
    model.actions.navigate({ section: "feedback" });
    fake.emit("message:created", messageView(2));
    expect(model.openChat.value?.view.unread).toBe(1);
    model.actions.navigate({ section: "chats" });
    expect(model.openChat.value?.view.unread).toBe(0);
    expect(fake.sent("conversation:read").at(-1)).toEqual({ conversationId: "c1", seq: 2 });
  });
});

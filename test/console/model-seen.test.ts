// Read receipts in the console (issue 10): `conversation:seen` raises the conversation's `visitorReadSeq` (never
// lowers it), and a later view from the server keeps the higher marker.
import { describe, expect, it } from "vitest";
import { conversationView, messageView } from "./fakes.js";
import { connectedHarness, settle } from "./model-setup.js";

describe("read receipts", () => {
  it("follows the customer's read marker from conversation:seen and never moves it back", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.respond("conversation:history", () => ({
      ok: true,
      data: { conversation: conversationView(), messages: [messageView(1, { text: "Hi" }), messageView(2, { author: "agent", authorName: "Alex", text: "Hello" })], notes: [] },
    }));
    model.actions.openConversation("c1");
    await settle();
    expect(model.openChat.value?.view.visitorReadSeq).toBe(0);
    fake.emit("conversation:seen", { conversationId: "c1", seq: 2 });
    expect(model.openChat.value?.view.visitorReadSeq).toBe(2);
    fake.emit("conversation:seen", { conversationId: "c1", seq: 1 });
    expect(model.openChat.value?.view.visitorReadSeq).toBe(2);
    // A view sent before the customer read (older marker) does not undo the receipt.
    fake.emit("conversation:updated", conversationView({ visitorReadSeq: 0, lastSeq: 2 }));
    expect(model.openChat.value?.view.visitorReadSeq).toBe(2);
  });
});

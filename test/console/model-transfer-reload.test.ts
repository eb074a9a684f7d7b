import { describe, expect, it } from "vitest";
import { conversationView } from "./fakes.js";
import { connectedHarness, settle } from "./model-setup.js";

describe("a transfer received before a reload", () => {
  it("still shows who handed the chat over, with Decline, from the server's list", async () => {
    const { model, fake } = await connectedHarness([conversationView({ transfer: { fromName: "Ann", note: "Billing question" } })]);
    expect(model.conversations.value[0]?.handedOver).toEqual({ fromName: "Ann", note: "Billing question" });
    fake.respond("conversation:decline", () => ({ ok: true, data: null }));
    await model.actions.decline("c1");
    expect(fake.sent("conversation:decline")).toEqual([{ conversationId: "c1" }]);
  });

  it("stops offering Decline when a list after a reconnect no longer carries the transfer", async () => {
    const { model, fake } = await connectedHarness([conversationView({ transfer: { fromName: "Ann", note: null } })]);
    expect(model.conversations.value[0]?.handedOver).toEqual({ fromName: "Ann", note: null });
    fake.respond("conversation:list", () => ({ ok: true, data: { conversations: [conversationView({ lastSeq: 3 })] } }));
    fake.drop();
    fake.connect();
    await settle();
    expect(model.conversations.value[0]?.handedOver).toBeNull();
  });
});

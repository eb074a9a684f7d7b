import { describe, expect, it } from "vitest";
import { conversationView } from "./fakes.js";
import { connectedHarness, settle } from "./model-setup.js";

const options = {
  agents: [{ id: "a2", name: "Bo", languages: ["de"], openChats: 1, maxChats: 3, unavailable: null }],
  queues: [{ language: "en", name: "English", waiting: 2, agentsAvailable: 1 }],
};

describe("transfer", () => {
  it("loads where a chat may go with transfer:options", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.respond("transfer:options", () => ({ ok: true, data: options }));
    expect(await model.actions.transferOptions("c1")).toEqual({ ok: true, options });
    expect(fake.sent("transfer:options")).toEqual([{ conversationId: "c1" }]);
    fake.respond("transfer:options", () => ({ ok: false, error: "not_found", message: "no" }));
    expect(await model.actions.transferOptions("c1")).toEqual({ ok: false, error: "Could not load who can take it: this chat is no longer available." });
  });

  it("hands the chat to a colleague with the note; the chat leaves the list", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.respond("conversation:transfer", () => ({ ok: true, data: conversationView({ assigneeId: "a2", epoch: 2 }) }));
    expect(await model.actions.transfer("c1", "Anna", { agentId: "a2", name: "Bo" }, "  Billing question ")).toBeNull();
    expect(fake.sent("conversation:transfer")).toEqual([{ conversationId: "c1", to: { agentId: "a2" }, note: "Billing question" }]);
    expect(model.conversations.value).toEqual([]);
    expect(model.notices.value.at(-1)?.text).toBe("The chat with Anna was transferred to Bo.");
  });

  it("moves the chat to another language's queue without a note when none is written", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.respond("conversation:transfer", () => ({ ok: true, data: conversationView({ status: "queued", assigneeId: null, language: "en" }) }));
    expect(await model.actions.transfer("c1", "Anna", { language: "en", name: "English" }, " ")).toBeNull();
    expect(fake.sent("conversation:transfer")).toEqual([{ conversationId: "c1", to: { language: "en" } }]);
    expect(model.notices.value.at(-1)?.text).toBe("The chat with Anna was transferred to the English queue.");
  });

  it("says why a refused transfer did not happen and keeps the chat", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    for (const [error, text] of [
      ["agent_unavailable", "Not transferred: that colleague cannot take it now (offline, away, off shift, full or not speaking its language)."],
      ["stale_epoch", "Not transferred: the chat changed meanwhile, try again."],
    ] as const) {
      fake.respond("conversation:transfer", () => ({ ok: false, error, message: "no" }));
      expect(await model.actions.transfer("c1", "Anna", { agentId: "a2", name: "Bo" }, "")).toBe(text);
    }
    expect(model.conversations.value.map((e) => e.view.id)).toEqual(["c1"]);
  });
});

describe("a chat handed over", () => {
  it("shows who sent it and why, and declines it with conversation:decline", async () => {
    const { model, fake } = await connectedHarness();
    fake.emit("conversation:assigned", conversationView({ transfer: { fromName: "Ann", note: "Billing question" } }));
    expect(model.conversations.value[0]?.handedOver).toEqual({ fromName: "Ann", note: "Billing question" });
    // Later updates do not forget it.
    fake.emit("conversation:updated", conversationView({ lastSeq: 3 }));
    expect(model.conversations.value[0]?.handedOver).toEqual({ fromName: "Ann", note: "Billing question" });
    fake.respond("conversation:decline", () => ({ ok: true, data: null }));
    await model.actions.decline("c1");
    await settle();
    expect(fake.sent("conversation:decline")).toEqual([{ conversationId: "c1" }]);
    expect(model.conversations.value).toEqual([]);
    expect(model.notices.value.at(-1)?.text).toBe("You declined the chat with Anna.");
  });

  it("keeps a chat that can no longer be declined, and stops offering it", async () => {
    const { model, fake } = await connectedHarness();
    fake.emit("conversation:assigned", conversationView({ transfer: { fromName: "Ann", note: null } }));
    fake.respond("conversation:decline", () => ({ ok: false, error: "invalid_payload", message: "no" }));
    await model.actions.decline("c1");
    expect(model.conversations.value[0]?.handedOver).toBeNull();
    expect(model.notices.value.at(-1)).toMatchObject({ tone: "error", text: "Could not decline the chat: it can no longer be declined." });
  });

  it("a chat given to the agent again without a transfer (a take-over) carries no hand-over", async () => {
    const { model, fake } = await connectedHarness();
    fake.emit("conversation:assigned", conversationView({ transfer: { fromName: "Bo", note: "Declined", declined: true } }));
    expect(model.conversations.value[0]?.handedOver?.declined).toBe(true);
    fake.emit("conversation:assigned", conversationView({ epoch: 3 }));
    expect(model.conversations.value[0]?.handedOver).toBeNull();
  });

  it("tells the agent why a chat left: transferred, taken over", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.emit("conversation:unassigned", { conversationId: "c1", reason: "taken_over" });
    expect(model.notices.value.at(-1)?.text).toBe("The chat with Anna was taken over by a supervisor.");
  });
});

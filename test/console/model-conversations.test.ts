import { describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/index.js";
import { conversationView, messageView } from "./fakes.js";
import { connectedHarness, settle, type ModelHarness } from "./model-setup.js";

const seqs = (messages: readonly MessageView[] | undefined) => messages?.map((m) => m.seq);

/** Answers `conversation:history` from a server-side transcript, like the real server. */
function serveHistory(fake: ModelHarness["fake"], transcript: () => MessageView[], status: "assigned" | "closed" = "assigned") {
  fake.respond("conversation:history", ({ conversationId, afterSeq }) => {
    const messages = transcript().filter((m) => m.conversationId === conversationId && m.seq > afterSeq);
    const all = transcript().filter((m) => m.conversationId === conversationId);
    const conversation = conversationView({ id: conversationId, status, lastSeq: all.at(-1)?.seq ?? 0, lastMessage: all.at(-1) ?? null });
    return { ok: true, data: { conversation, messages, notes: [] } };
  });
}

/** Opens c1 on a server holding `transcript`, and waits for it to load. */
async function openLoaded(harness: ModelHarness, transcript: MessageView[] = []): Promise<void> {
  serveHistory(harness.fake, () => transcript);
  harness.model.actions.openConversation("c1");
  await settle();
}

describe("conversation list", () => {
  it("lists the agent's conversations on connect, oldest first", async () => {
    const { model } = await connectedHarness([
      conversationView({ id: "c2", visitorName: "Ben", createdAt: 2_000 }),
      conversationView({ id: "c1", visitorName: "Anna", createdAt: 1_000 }),
    ]);
    expect(model.conversations.value.map((e) => e.view.visitorName)).toEqual(["Anna", "Ben"]);
  });

  it("adds an assigned conversation as new, with a notice and its unread count in the total", async () => {
    const { model, fake } = await connectedHarness();
    fake.emit("conversation:assigned", conversationView({ unread: 1, lastSeq: 1, lastMessage: messageView(1) }));
    const [entry] = model.conversations.value;
    expect(entry?.isNew).toBe(true);
    expect(model.unreadTotal.value).toBe(1);
    expect(model.notices.value.map((n) => n.text)).toEqual(["New chat from Anna."]);
  });

  it("raises the unread count of a conversation that is not open, once per message", async () => {
    const { model, fake } = await connectedHarness([conversationView(), conversationView({ id: "c2" })]);
    model.actions.openConversation("c2");
    fake.emit("message:created", messageView(1));
    fake.emit("message:created", messageView(1));
    fake.emit("message:created", messageView(2));
    const c1 = model.conversations.value.find((e) => e.view.id === "c1");
    expect(c1?.view.unread).toBe(2);
    expect(c1?.view.lastMessage?.text).toBe("message 2");
    expect(model.unreadTotal.value).toBe(2);
  });

  it("removes a conversation that went back to the queue, with a notice", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    model.actions.openConversation("c1");
    model.actions.setDraft("c1", "half-written");
    fake.emit("conversation:unassigned", { conversationId: "c1", reason: "requeued" });
    expect(model.conversations.value).toHaveLength(0);
    expect(model.openId.value).toBeNull();
    expect(model.drafts.value.has("c1")).toBe(false);
    expect(model.notices.value.at(-1)?.text).toBe("The chat with Anna went back to the queue.");
  });
});

describe("opening a conversation", () => {
  it("loads the transcript from the start and marks it read with the last seq", async () => {
    const harness = await connectedHarness([conversationView({ unread: 2, lastSeq: 2 })]);
    const { model, fake } = harness;
    await openLoaded(harness, [messageView(1), messageView(2)]);
    expect(fake.sent("conversation:history")).toEqual([{ conversationId: "c1", afterSeq: 0 }]);
    expect(seqs(model.openChat.value?.messages)).toEqual([1, 2]);
    expect(model.openChat.value?.view.unread).toBe(0);
    expect(fake.sent("conversation:read")).toEqual([{ conversationId: "c1", seq: 2 }]);
  });

  it("marks new visitor messages in the open conversation read instead of counting them", async () => {
    const harness = await connectedHarness([conversationView()]);
    const { model, fake } = harness;
    await openLoaded(harness);
    fake.emit("message:created", messageView(1));
    expect(model.openChat.value?.view.unread).toBe(0);
    expect(fake.sent("conversation:read")).toEqual([{ conversationId: "c1", seq: 1 }]);
  });

  it("counts messages while the tab is hidden and marks them read when it is shown", async () => {
    const harness = await connectedHarness([conversationView()]);
    const { model, fake } = harness;
    await openLoaded(harness);
    model.actions.setPageVisible(false);
    fake.emit("message:created", messageView(1));
    expect(model.unreadTotal.value).toBe(1);
    model.actions.setPageVisible(true);
    expect(model.unreadTotal.value).toBe(0);
    expect(fake.sent("conversation:read")).toEqual([{ conversationId: "c1", seq: 1 }]);
  });

  it("fetches the missing messages after a gap, without duplicates", async () => {
    const transcript = [messageView(1), messageView(2)];
    const harness = await connectedHarness([conversationView({ lastSeq: 2 })]);
    const { model, fake } = harness;
    await openLoaded(harness, transcript);
    transcript.push(messageView(3), messageView(4));
    fake.emit("message:created", messageView(4));
    await settle();
    expect(fake.sent("conversation:history").at(-1)).toEqual({ conversationId: "c1", afterSeq: 2 });
    expect(seqs(model.openChat.value?.messages)).toEqual([1, 2, 3, 4]);
  });

  it("sends one history request at a time, then asks for what arrived beyond its reply", async () => {
    const { model, fake } = await connectedHarness([conversationView({ lastSeq: 1 })]);
    model.actions.openConversation("c1");
    fake.emit("message:created", messageView(3));
    expect(fake.held("conversation:history")).toHaveLength(1);
    fake.answer("conversation:history", { ok: true, data: { conversation: conversationView({ lastSeq: 1 }), messages: [messageView(1)], notes: [] } });
    await settle();
    expect(fake.held("conversation:history")).toHaveLength(1);
    expect(fake.sent("conversation:history").at(-1)).toEqual({ conversationId: "c1", afterSeq: 1 });
  });

  it("keeps a draft per conversation when switching between them", async () => {
    const { model } = await connectedHarness([conversationView(), conversationView({ id: "c2" })]);
    model.actions.openConversation("c1");
    model.actions.setDraft("c1", "Hello Anna");
    model.actions.openConversation("c2");
    model.actions.setDraft("c2", "Hi Ben");
    model.actions.openConversation("c1");
    expect(model.drafts.value.get("c1")).toBe("Hello Anna");
    expect(model.drafts.value.get("c2")).toBe("Hi Ben");
  });
});

describe("reconnecting", () => {
  it("asks for the open conversation's messages after the last seq held, and merges them once", async () => {
    const transcript = [messageView(1), messageView(2)];
    const harness = await connectedHarness([conversationView({ lastSeq: 2 })]);
    const { model, fake } = harness;
    await openLoaded(harness, transcript);
    fake.drop();
    transcript.push(messageView(3));
    fake.respond("conversation:list", () => ({ ok: true, data: { conversations: [conversationView({ lastSeq: 3, unread: 1 })] } }));
    fake.connect();
    await settle();
    expect(fake.sent("conversation:list")).toHaveLength(2);
    expect(fake.sent("conversation:history").at(-1)).toEqual({ conversationId: "c1", afterSeq: 2 });
    expect(seqs(model.openChat.value?.messages)).toEqual([1, 2, 3]);
    expect(model.openChat.value?.view.unread).toBe(0);
  });

  it("keeps a conversation that closed while offline, and drops one that is no longer the agent's", async () => {
    const { model, fake } = await connectedHarness([conversationView(), conversationView({ id: "c2", visitorName: "Ben" })]);
    fake.drop();
    fake.respond("conversation:list", () => ({ ok: true, data: { conversations: [] } }));
    fake.respond("conversation:history", ({ conversationId }) =>
      conversationId === "c1"
        ? { ok: true, data: { conversation: conversationView({ status: "closed", closedAt: 9_000 }), messages: [], notes: [] } }
        : { ok: false, error: "not_found", message: "No such conversation" },
    );
    fake.connect();
    await settle();
    expect(model.conversations.value.map((e) => [e.view.id, e.view.status])).toEqual([["c1", "closed"]]);
    expect(model.notices.value.at(-1)?.text).toBe("The chat with Ben is no longer assigned to you.");
  });
});

describe("closing", () => {
  it("closes the conversation and keeps it listed as closed until dismissed", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.respond("conversation:close", () => ({ ok: true, data: conversationView({ status: "closed", closedAt: 5_000 }) }));
    model.actions.openConversation("c1");
    await model.actions.closeConversation("c1");
    expect(fake.sent("conversation:close")).toEqual([{ conversationId: "c1" }]);
    expect(model.openChat.value?.view.status).toBe("closed");
    model.actions.dismissConversation("c1");
    expect(model.conversations.value).toHaveLength(0);
    expect(model.openChat.value).toBeNull();
  });

  it("says why closing failed", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    fake.respond("conversation:close", () => ({ ok: false, error: "not_assigned", message: "x" }));
    await model.actions.closeConversation("c1");
    expect(model.conversations.value[0]?.view.status).toBe("assigned");
    expect(model.notices.value.at(-1)).toMatchObject({ tone: "error", text: "Could not close the conversation: this chat is no longer assigned to you." });
  });

  it("shows a visitor's closing and rating from conversation:updated, and ignores a late reopening", async () => {
    const { model, fake } = await connectedHarness([conversationView()]);
    const closed = { ...conversationView({ status: "closed", closedAt: 5_000 }), closedBy: "visitor" as const };
    // The rating is not in AgentConversationView yet; the console shows it once the server sends it.
    const rated = { ...closed, rating: { score: 4, comment: "Quick help" } };
    fake.emit("conversation:updated", closed);
    fake.emit("conversation:updated", rated);
    fake.emit("conversation:updated", conversationView({ status: "assigned" }));
    const view = model.conversations.value[0]?.view;
    expect(view?.status).toBe("closed");
    expect(view?.rating).toEqual({ score: 4, comment: "Quick help" });
  });
});

describe("visitor typing", () => {
  it("shows typing until the visitor stops, sends, or goes quiet", async () => {
    const { model, fake, clock } = await connectedHarness([conversationView()]);
    const typing = () => model.conversations.value[0]?.visitorTyping;
    fake.emit("typing:changed", { conversationId: "c1", typing: true });
    expect(typing()).toBe(true);
    fake.emit("typing:changed", { conversationId: "c1", typing: false });
    expect(typing()).toBe(false);
    fake.emit("typing:changed", { conversationId: "c1", typing: true });
    fake.emit("message:created", messageView(1));
    expect(typing()).toBe(false);
    fake.emit("typing:changed", { conversationId: "c1", typing: true });
    clock.advance(15_000);
    expect(typing()).toBe(false);
  });
});

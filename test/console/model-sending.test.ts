import { describe, expect, it } from "vitest";
import { conversationView, messageView } from "./fakes.js";
import type { RequestError, RequestResult } from "../../console/model/ports.js";
import type { MessageView } from "../../server/protocol/index.js";
import { connectedHarness, settle, type ModelHarness } from "./model-setup.js";

const stored = (id: string, seq: number, text: string) => messageView(seq, { id, author: "agent", authorName: "Alex", text });

/** Writes `text` in c1 and sends it while the server refuses every send with `error`. */
async function sendRefused({ model, fake }: ModelHarness, error: RequestError, text = "Hello"): Promise<void> {
  fake.respond("message:send", () => ({ ok: false, error, message: "refused" }) as RequestResult<MessageView>);
  model.actions.setDraft("c1", text);
  model.actions.send("c1");
  await settle();
}

/** From now on the server stores every message it is sent. */
function storeEverySend(fake: ModelHarness["fake"]): void {
  fake.respond("message:send", ({ id, text }) => ({ ok: true, data: stored(id, 1, text) }));
}

async function openChat() {
  const harness = await connectedHarness([conversationView()]);
  harness.fake.respond("conversation:history", () => ({ ok: true, data: { conversation: conversationView(), messages: [], notes: [] } }));
  harness.model.actions.openConversation("c1");
  await settle();
  return harness;
}

describe("sending", () => {
  it("shows the message as pending, clears the draft, and keeps one copy once stored", async () => {
    const { model, fake } = await openChat();
    model.actions.setDraft("c1", "  Hello Anna  ");
    model.actions.send("c1");
    expect(model.drafts.value.get("c1")).toBe("");
    expect(model.outbox.value).toMatchObject([{ conversationId: "c1", text: "Hello Anna", state: "pending" }]);
    const [request] = fake.sent("message:send");
    expect(request).toMatchObject({ conversationId: "c1", text: "Hello Anna" });
    const id = request?.id ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    fake.emit("message:created", stored(id, 1, "Hello Anna"));
    fake.answer("message:send", { ok: true, data: stored(id, 1, "Hello Anna") });
    await settle();
    expect(model.outbox.value).toHaveLength(0);
    expect(model.openChat.value?.messages.map((m) => m.text)).toEqual(["Hello Anna"]);
  });

  it("sends nothing for a blank draft or a closed conversation", async () => {
    const { model, fake } = await openChat();
    model.actions.setDraft("c1", " \n ");
    model.actions.send("c1");
    fake.emit("conversation:updated", conversationView({ status: "closed" }));
    model.actions.setDraft("c1", "Too late");
    model.actions.send("c1");
    expect(fake.sent("message:send")).toHaveLength(0);
    expect(model.outbox.value).toHaveLength(0);
  });

  it("sends one message at a time, in the order written", async () => {
    const { model, fake } = await openChat();
    model.actions.setDraft("c1", "first");
    model.actions.send("c1");
    model.actions.setDraft("c1", "second");
    model.actions.send("c1");
    expect(fake.sent("message:send").map((p) => p.text)).toEqual(["first"]);
    const [first] = fake.sent("message:send");
    fake.answer("message:send", { ok: true, data: stored(first?.id ?? "", 1, "first") });
    await settle();
    expect(fake.sent("message:send").map((p) => p.text)).toEqual(["first", "second"]);
  });

  it("marks a message failed for good when the server refuses it, and Edit puts it back in the box", async () => {
    const harness = await openChat();
    const { model } = harness;
    await sendRefused(harness, "message_too_long", "x".repeat(5000));
    const [item] = model.outbox.value;
    expect(item).toMatchObject({ state: "failed", retryable: false, error: "Too long to send. Shorten it and try again." });
    model.actions.editMessage(item?.id ?? "");
    expect(model.outbox.value).toHaveLength(0);
    expect(model.drafts.value.get("c1")).toBe("x".repeat(5000));
  });

  it("offers a retry after a busy server, and the retry reuses the message id", async () => {
    const harness = await openChat();
    const { model, fake } = harness;
    await sendRefused(harness, "storage_unavailable");
    const [item] = model.outbox.value;
    expect(item).toMatchObject({ state: "failed", retryable: true });
    storeEverySend(fake);
    model.actions.retryMessage(item?.id ?? "");
    expect(model.outbox.value[0]?.state).toBe("pending");
    await settle();
    const ids = fake.sent("message:send").map((p) => p.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(model.outbox.value).toHaveLength(0);
    expect(model.openChat.value?.messages).toHaveLength(1);
  });

  it("keeps messages written while disconnected pending and sends them on reconnect", async () => {
    const { model, fake } = await openChat();
    fake.drop();
    model.actions.setDraft("c1", "Are you still there?");
    model.actions.send("c1");
    await settle();
    expect(model.outbox.value[0]?.state).toBe("pending");
    storeEverySend(fake);
    fake.connect();
    await settle();
    expect(fake.sent("message:send").filter((p) => p.text === "Are you still there?")).toHaveLength(2);
    expect(model.outbox.value).toHaveLength(0);
  });

  it("retries a timed-out message on reconnect", async () => {
    const harness = await openChat();
    const { model, fake } = harness;
    await sendRefused(harness, "timeout");
    expect(model.outbox.value[0]).toMatchObject({ state: "failed", retryable: true });
    fake.drop();
    storeEverySend(fake);
    fake.connect();
    await settle();
    expect(model.outbox.value).toHaveLength(0);
  });

  it("drops a timed-out message from the outbox when the server's event shows it was stored", async () => {
    const harness = await openChat();
    const { model, fake } = harness;
    await sendRefused(harness, "timeout");
    const id = model.outbox.value[0]?.id ?? "";
    fake.emit("message:created", stored(id, 1, "Hello"));
    expect(model.outbox.value).toHaveLength(0);
    expect(model.openChat.value?.messages).toHaveLength(1);
  });

  it("discards a failed message", async () => {
    const harness = await openChat();
    const { model } = harness;
    await sendRefused(harness, "conversation_closed");
    model.actions.discardMessage(model.outbox.value[0]?.id ?? "");
    expect(model.outbox.value).toHaveLength(0);
  });
});

describe("agent typing", () => {
  it("tells the server while the agent types and stops when the message is sent", async () => {
    const { model, fake } = await openChat();
    model.actions.setDraft("c1", "H");
    model.actions.setDraft("c1", "Hi");
    expect(fake.sent("typing:set")).toEqual([{ conversationId: "c1", typing: true }]);
    model.actions.send("c1");
    expect(fake.sent("typing:set").at(-1)).toEqual({ conversationId: "c1", typing: false });
  });

  it("stops typing in a conversation the agent leaves", async () => {
    const { model, fake } = await connectedHarness([conversationView(), conversationView({ id: "c2" })]);
    model.actions.openConversation("c1");
    model.actions.setDraft("c1", "Hi");
    model.actions.openConversation("c2");
    expect(fake.sent("typing:set")).toEqual([
      { conversationId: "c1", typing: true },
      { conversationId: "c1", typing: false },
    ]);
  });
});

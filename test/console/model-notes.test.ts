import { describe, expect, it } from "vitest";
import { conversationView, messageView } from "./fakes.js";
import type { NoteView } from "../../server/protocol/index.js";
import { connectedHarness, settle } from "./model-setup.js";
import { transcriptLines } from "../../console/model/chat-entry.js";

const note = (id: string, seq: number, text: string, at = 1_000 + seq): NoteView => ({
  id,
  conversationId: "c1",
  seq,
  internal: true,
  authorName: "Alex",
  text,
  at,
});

async function openChat() {
  const harness = await connectedHarness([conversationView()]);
  harness.fake.respond("conversation:history", () => ({
    ok: true,
    data: { conversation: conversationView(), messages: [messageView(1, { text: "Hi" })], notes: [note("n1", 1, "VIP")] },
  }));
  harness.model.actions.openConversation("c1");
  await settle();
  return harness;
}

describe("internal notes", () => {
  it("adds a note with note:add (never message:send, never typing) and keeps the server's copy", async () => {
    const { model, fake } = await openChat();
    fake.respond("note:add", ({ id, text }) => ({ ok: true, data: note(id, 2, text) }));
    expect(await model.actions.addNote("c1", "  Refund approved  ")).toBe(true);
    const [request] = fake.sent("note:add");
    expect(request).toMatchObject({ conversationId: "c1", text: "Refund approved" });
    expect(fake.sent("message:send")).toHaveLength(0);
    expect(fake.sent("typing:set")).toHaveLength(0);
    expect(model.openChat.value?.notes.map((n) => n.text)).toEqual(["VIP", "Refund approved"]);
    // The same note pushed again (another tab) is held once.
    fake.emit("note:created", note(request?.id ?? "", 2, "Refund approved"));
    expect(model.openChat.value?.notes).toHaveLength(2);
    expect(model.openChat.value?.messages.map((m) => m.text)).toEqual(["Hi"]);
  });

  it("sends nothing for a blank note, and says why a refused note was not added", async () => {
    const { model, fake } = await openChat();
    expect(await model.actions.addNote("c1", " \n ")).toBe(false);
    expect(fake.sent("note:add")).toHaveLength(0);
    fake.respond("note:add", () => ({ ok: false, error: "not_found", message: "no" }));
    expect(await model.actions.addNote("c1", "Private")).toBe(false);
    expect(model.openChat.value?.notes.map((n) => n.text)).toEqual(["VIP"]);
    expect(model.notices.value.at(-1)).toMatchObject({ tone: "error", text: "Could not add the note: this chat is no longer available." });
  });

  it("takes in notes colleagues add (note:created)", async () => {
    const { model, fake } = await openChat();
    fake.emit("note:created", note("n9", 5, "Supervisor: offer a voucher"));
    expect(model.openChat.value?.notes.map((n) => n.text)).toEqual(["VIP", "Supervisor: offer a voucher"]);
  });
});

describe("transcriptLines", () => {
  it("interleaves notes with messages by time, notes after the last message at the end", () => {
    const messages = [messageView(1, { at: 100, text: "a" }), messageView(2, { at: 300, text: "b" })];
    const notes = [note("n1", 1, "before b", 200), note("n2", 2, "after all", 400), note("n0", 3, "first", 50)].sort((x, y) => x.at - y.at);
    const order = transcriptLines({ messages, notes }).map((l) => (l.kind === "note" ? `note:${l.note.text}` : l.message.text));
    expect(order).toEqual(["note:first", "a", "note:before b", "b", "note:after all"]);
    expect(transcriptLines({ messages: [], notes: [] })).toEqual([]);
  });
});

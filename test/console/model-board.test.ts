import { describe, expect, it } from "vitest";
import type { BoardView, NoteView } from "../../server/protocol/index.js";
import { conversationView, messageView } from "./fakes.js";
import { connectedHarness, settle } from "./model-setup.js";

const board = (waiting: number): BoardView => ({
  languages: [{ language: "en", waiting, longestWaitS: 30, etaSeconds: 60, etaRange: [30, 120], agentsAvailable: 1, load: 1, capacity: 3, peak: false, open: true, closing: false, queued: [] }],
  agents: [],
  generatedAt: 5_000,
});

const note: NoteView = { id: "n1", conversationId: "c9", seq: 1, internal: true, authorName: "Ann", text: "VIP", at: 2_000 };

describe("the board", () => {
  it("subscribes with board:watch, takes in board:updated pushes, and unsubscribes on leaving", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("board:watch", ({ watch }) => ({ ok: true, data: watch ? board(0) : null }));
    await model.actions.watchBoard();
    expect(model.board.value?.languages[0]?.waiting).toBe(0);
    fake.emit("board:updated", board(2));
    expect(model.board.value?.languages[0]?.waiting).toBe(2);
    await model.actions.unwatchBoard();
    expect(fake.sent("board:watch")).toEqual([{ watch: true }, { watch: false }]);
    expect(model.board.value).toBeNull();
  });

  it("subscribes again after a reconnect, only while the page is open", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("board:watch", () => ({ ok: true, data: board(0) }));
    await model.actions.watchBoard();
    fake.drop();
    fake.connect();
    await settle();
    expect(fake.sent("board:watch")).toHaveLength(2);
    await model.actions.unwatchBoard();
    fake.drop();
    fake.connect();
    await settle();
    expect(fake.sent("board:watch")).toHaveLength(3);
  });

  it("says why the board is not available (a plain agent)", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("board:watch", () => ({ ok: false, error: "forbidden", message: "no" }));
    await model.actions.watchBoard();
    expect(model.boardError.value).toBe("The board is not available: your role may not do that.");
  });
});

describe("watching and taking over from the board", () => {
  it("follows a conversation read-only: its history, then live messages and notes; stops on request", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("conversation:watch", ({ watch }) =>
      watch
        ? { ok: true, data: { conversation: conversationView({ id: "c9", lastSeq: 1, assigneeId: "a2" }), messages: [messageView(1, { conversationId: "c9", text: "Hi" })], notes: [] } }
        : { ok: true, data: null },
    );
    expect(await model.actions.watchConversation("c9")).toBeNull();
    expect(model.watched.value?.messages.map((m) => m.text)).toEqual(["Hi"]);
    fake.emit("message:created", messageView(2, { conversationId: "c9", text: "Where is my money?" }));
    fake.emit("note:created", note);
    expect(model.watched.value?.messages.map((m) => m.text)).toEqual(["Hi", "Where is my money?"]);
    expect(model.watched.value?.notes.map((n) => n.text)).toEqual(["VIP"]);
    // Not one of the supervisor's own chats.
    expect(model.conversations.value).toEqual([]);
    await model.actions.stopWatching();
    expect(model.watched.value).toBeNull();
    expect(fake.sent("conversation:watch")).toEqual([{ conversationId: "c9", watch: true }, { conversationId: "c9", watch: false }]);
  });

  it("takes a conversation over: it becomes one of the supervisor's chats", async () => {
    const { model, fake } = await connectedHarness();
    fake.respond("conversation:takeover", () => ({ ok: true, data: conversationView({ id: "c9", assigneeId: "agent-1" }) }));
    expect(await model.actions.takeOver("c9")).toBeNull();
    expect(model.conversations.value.map((e) => e.view.id)).toEqual(["c9"]);
    fake.respond("conversation:takeover", () => ({ ok: false, error: "not_found", message: "no" }));
    expect(await model.actions.takeOver("c8")).toBe("Could not take the chat over: this chat is no longer available.");
  });
});

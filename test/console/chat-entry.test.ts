import { describe, expect, it } from "vitest";
import {
  applyHistory,
  applyMessage,
  entryFromView,
  isBehind,
  markEntryRead,
  mergeView,
  previewMessage,
  sortEntries,
} from "../../console/model/chat-entry.js";
import { reconcileList, unreadTotal, withEntry } from "../../console/model/chat-map.js";
import { conversationView, messageView } from "./fakes.js";

const loaded = (lastSeq: number) => {
  const messages = Array.from({ length: lastSeq }, (_, i) => messageView(i + 1));
  return { ...entryFromView(conversationView({ lastSeq, lastMessage: messages.at(-1) ?? null })), messages, syncedSeq: lastSeq };
};

describe("applyMessage", () => {
  it("counts a new visitor message as unread and makes it the latest", () => {
    const entry = applyMessage(entryFromView(conversationView()), messageView(1));
    expect(entry.view.unread).toBe(1);
    expect(entry.view.lastSeq).toBe(1);
    expect(entry.view.lastMessage?.text).toBe("message 1");
  });

  it("does not count the agent's own or system messages as unread", () => {
    let entry = entryFromView(conversationView());
    entry = applyMessage(entry, messageView(1, { author: "agent", authorName: "Alex" }));
    entry = applyMessage(entry, messageView(2, { author: "system" }));
    expect(entry.view.unread).toBe(0);
    expect(entry.view.lastSeq).toBe(2);
  });

  it("counts a message once when it arrives twice", () => {
    const once = applyMessage(entryFromView(conversationView()), messageView(1));
    const twice = applyMessage(once, messageView(1));
    expect(twice.view.unread).toBe(1);
    expect(twice.messages).toHaveLength(1);
  });

  it("does not count a message the server's view already included", () => {
    const entry = entryFromView(conversationView({ lastSeq: 3, unread: 1 }));
    expect(applyMessage(entry, messageView(3)).view.unread).toBe(1);
  });

  it("clears the visitor's typing when they send", () => {
    const typing = { ...entryFromView(conversationView()), visitorTyping: true };
    expect(applyMessage(typing, messageView(1)).visitorTyping).toBe(false);
    expect(applyMessage(typing, messageView(1, { author: "agent" })).visitorTyping).toBe(true);
  });

  it("advances the synced mark over contiguous messages and stops at a gap", () => {
    const entry = loaded(2);
    expect(applyMessage(entry, messageView(3)).syncedSeq).toBe(3);
    const gapped = applyMessage(entry, messageView(5));
    expect(gapped.syncedSeq).toBe(2);
    expect(isBehind(gapped)).toBe(true);
  });
});

describe("mergeView", () => {
  it("never reopens a closed conversation from a late update", () => {
    const closed = conversationView({ status: "closed", closedAt: 5_000 });
    expect(mergeView(closed, conversationView({ status: "assigned" })).status).toBe("closed");
  });

  it("keeps the newer last message and unread count when the update is older", () => {
    const current = conversationView({ lastSeq: 5, unread: 2, lastMessage: messageView(5) });
    const stale = conversationView({ lastSeq: 4, unread: 1, lastMessage: messageView(4) });
    const merged = mergeView(current, stale);
    expect(merged.lastSeq).toBe(5);
    expect(merged.unread).toBe(2);
    expect(merged.lastMessage?.seq).toBe(5);
  });

  it("takes the server's unread count from a current update", () => {
    const merged = mergeView(conversationView({ lastSeq: 5, unread: 2 }), conversationView({ lastSeq: 6, unread: 0 }));
    expect(merged.unread).toBe(0);
  });

  it("keeps fields the server adds to a closed view, such as the rating", () => {
    const closed = { ...conversationView({ status: "closed" }), rating: { score: 5, comment: "Thanks" } };
    expect(mergeView(conversationView(), closed).rating).toEqual({ score: 5, comment: "Thanks" });
  });
});

describe("applyHistory", () => {
  it("loads a transcript from the start and marks it synced to the conversation's last seq", () => {
    const reply = { conversation: conversationView({ lastSeq: 3 }), messages: [1, 2, 3].map((s) => messageView(s)) };
    const entry = applyHistory(entryFromView(conversationView()), 0, reply);
    expect(entry.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(entry.syncedSeq).toBe(3);
    expect(isBehind(entry)).toBe(false);
  });

  it("fills a gap without duplicating what was already held", () => {
    const gapped = applyMessage(loaded(2), messageView(5));
    const reply = { conversation: conversationView({ lastSeq: 5 }), messages: [3, 4, 5].map((s) => messageView(s)) };
    const entry = applyHistory(gapped, 2, reply);
    expect(entry.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entry.syncedSeq).toBe(5);
  });

  it("does not claim a full transcript from a partial reply to a never-loaded conversation", () => {
    const reply = { conversation: conversationView({ lastSeq: 6 }), messages: [messageView(6)] };
    const entry = applyHistory(entryFromView(conversationView({ lastSeq: 5 })), 5, reply);
    expect(entry.syncedSeq).toBeNull();
    expect(entry.view.lastSeq).toBe(6);
  });

  it("takes the reply's view (status, unread) over the held one", () => {
    const reply = { conversation: conversationView({ status: "closed", lastSeq: 2, unread: 1 }), messages: [] };
    const entry = applyHistory(loaded(2), 2, reply);
    expect(entry.view.status).toBe("closed");
    expect(entry.view.unread).toBe(1);
  });
});

describe("reading and ordering", () => {
  it("marks an entry read and no longer new", () => {
    const entry = { ...entryFromView(conversationView({ unread: 3 })), isNew: true };
    const read = markEntryRead(entry);
    expect(read.view.unread).toBe(0);
    expect(read.isNew).toBe(false);
  });

  it("returns the same entry when there is nothing to mark", () => {
    const entry = entryFromView(conversationView());
    expect(markEntryRead(entry)).toBe(entry);
  });

  it("previews the latest chat message rather than a system line when it holds one", () => {
    const joined = messageView(2, { author: "system", text: "Alex joined the chat" });
    const entry = applyMessage(applyMessage(entryFromView(conversationView()), messageView(1, { text: "Hello" })), joined);
    expect(previewMessage(entry)?.text).toBe("Hello");
    const unloaded = entryFromView(conversationView({ lastSeq: 2, lastMessage: joined }));
    expect(previewMessage(unloaded)?.text).toBe("Alex joined the chat");
  });

  it("lists active conversations before closed ones, oldest first", () => {
    const entries = [
      entryFromView(conversationView({ id: "late", createdAt: 3 })),
      entryFromView(conversationView({ id: "closed", createdAt: 1, status: "closed" })),
      entryFromView(conversationView({ id: "early", createdAt: 2 })),
    ];
    expect(sortEntries(entries).map((e) => e.view.id)).toEqual(["early", "late", "closed"]);
  });
});

describe("reconcileList", () => {
  it("adds listed conversations, keeps held transcripts and reports unlisted open ones as missing", () => {
    let chats = withEntry(new Map(), loaded(2));
    chats = withEntry(chats, entryFromView(conversationView({ id: "gone" })));
    chats = withEntry(chats, entryFromView(conversationView({ id: "done", status: "closed" })));
    const result = reconcileList(chats, [conversationView({ lastSeq: 4, unread: 2 }), conversationView({ id: "c2" })]);
    expect([...result.chats.keys()].sort()).toEqual(["c1", "c2", "done", "gone"]);
    expect(result.chats.get("c1")?.messages).toHaveLength(2);
    expect(result.chats.get("c1")?.view.unread).toBe(2);
    expect(result.missing).toEqual(["gone"]);
  });

  it("sums unread messages across conversations", () => {
    let chats = withEntry(new Map(), entryFromView(conversationView({ unread: 2 })));
    chats = withEntry(chats, entryFromView(conversationView({ id: "c2", unread: 3 })));
    expect(unreadTotal(chats)).toBe(5);
  });
});

describe("the list's customer preview and waiting time", () => {
  it("previews the customer's latest message, not the agent's answer after it", () => {
    let entry = entryFromView(conversationView({ waitingSince: null }));
    entry = applyMessage(entry, messageView(1, { text: "Where is my parcel?", at: 500 }));
    expect(entry.view.waitingSince).toBe(500);
    entry = applyMessage(entry, messageView(2, { text: "And the invoice?", at: 600 }));
    expect(entry.view.waitingSince).toBe(500);
    entry = applyMessage(entry, messageView(3, { author: "agent", authorName: "Alex", text: "Checking", at: 700 }));
    expect(previewMessage(entry)?.text).toBe("And the invoice?");
    expect(entry.view.waitingSince).toBeNull();
    entry = applyMessage(entry, messageView(4, { author: "system", text: "Alex left", at: 800 }));
    expect(entry.view.waitingSince).toBeNull();
  });
});

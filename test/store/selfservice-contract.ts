// The self-service part of the store contract: every adapter must pass this suite too.
import { describe, expect, it } from "vitest";
import type { Store } from "../../server/store/port.js";
import { DuplicateOfficialError } from "../../server/store/selfservice-port.js";
import { useFreshStore, type StoreHarness } from "./contract.js";
import { chatFile, email, feedback, official, ticketDraft, ticketMessage } from "./selfservice-fixtures.js";

export function describeSelfServiceContract(name: string, create: () => Promise<StoreHarness>): void {
  describe(`self-service store contract: ${name}`, () => {
    let store: Store;
    useFreshStore(create, (s) => (store = s));

    describe("tickets", () => {
      it("numbers new tickets 1001, 1002, 1003 and finds them by id and by token hash", async () => {
        const created = [];
        for (const id of ["t_a", "t_b", "t_c"]) created.push(await store.tickets.create(ticketDraft({ id, tokenHash: id.repeat(8) })));
        expect(created.map((t) => t.number)).toEqual([1001, 1002, 1003]);
        expect(await store.tickets.get("t_b")).toEqual({ ...ticketDraft({ id: "t_b", tokenHash: "t_b".repeat(8) }), number: 1002 });
        expect((await store.tickets.getByTokenHash("t_c".repeat(8)))?.id).toBe("t_c");
        expect(await store.tickets.getByTokenHash("nope")).toBeNull();
        expect(await store.tickets.get("t_none")).toBeNull();
      });

      it("gives concurrent creations distinct numbers", async () => {
        const made = await Promise.all(Array.from({ length: 20 }, (_, i) => store.tickets.create(ticketDraft({ id: `t_${i}`, tokenHash: `h${i}` }))));
        expect(made.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i));
      });

      it("replaces a ticket put again and lists by status, category and language, most recently updated first", async () => {
        const a = await store.tickets.create(ticketDraft({ id: "t_a", updatedAt: 1 }));
        await store.tickets.create(ticketDraft({ id: "t_b", category: "Deposit", language: "de", updatedAt: 2 }));
        await store.tickets.create(ticketDraft({ id: "t_c", status: "solved", solvedAt: 3, updatedAt: 3 }));
        await store.tickets.put({ ...a, status: "pending", updatedAt: 4 });
        const ids = async (filter?: Parameters<Store["tickets"]["list"]>[0]) => (await store.tickets.list(filter)).map((t) => t.id);
        expect(await ids()).toEqual(["t_a", "t_c", "t_b"]);
        expect(await ids({ status: "pending" })).toEqual(["t_a"]);
        expect(await ids({ status: "open" })).toEqual(["t_b"]);
        expect(await ids({ category: "Deposit" })).toEqual(["t_b"]);
        expect(await ids({ language: "en" })).toEqual(["t_a", "t_c"]);
        expect(await ids({ language: "en", status: "solved" })).toEqual(["t_c"]);
        expect(await ids({ category: "Nothing" })).toEqual([]);
      });

      it("replaces a ticket only while it is as read (its updatedAt): of two writers that read it together one wins", async () => {
        const a = await store.tickets.create(ticketDraft({ id: "t_a", updatedAt: 10 }));
        const results = await Promise.all([
          store.tickets.replace({ ...a, status: "pending", awaitingAgent: false, updatedAt: 11 }, 10),
          store.tickets.replace({ ...a, status: "solved", solvedAt: 12, updatedAt: 12 }, 10),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = (await store.tickets.get("t_a"))!;
        expect(stored.updatedAt).toBe(results[0] ? 11 : 12);
        expect(await store.tickets.replace({ ...a, subject: "stale", updatedAt: 13 }, 10)).toBe(false);
        expect(await store.tickets.get("t_a")).toEqual(stored);
        expect(await store.tickets.replace({ ...stored, subject: "fresh", updatedAt: 14 }, stored.updatedAt)).toBe(true);
        expect((await store.tickets.getByTokenHash(a.tokenHash))?.subject).toBe("fresh");
        expect(await store.tickets.replace({ ...a, id: "t_none" }, 10)).toBe(false);
        expect(await store.tickets.get("t_none")).toBeNull();
      });
    });

    describe("ticket messages", () => {
      it("keeps each ticket's thread in order and stores a repeated message id once", async () => {
        await store.ticketMessages.append("t_a", ticketMessage("m1"));
        await store.ticketMessages.append("t_b", ticketMessage("m9"));
        await store.ticketMessages.append("t_a", ticketMessage("m2", { author: "agent", authorName: "Alex" }));
        await store.ticketMessages.append("t_a", ticketMessage("m1", { text: "again" }));
        expect(await store.ticketMessages.list("t_a")).toEqual([ticketMessage("m1"), ticketMessage("m2", { author: "agent", authorName: "Alex" })]);
        expect(await store.ticketMessages.list("t_none")).toEqual([]);
      });

      it("stores concurrent replies to one ticket, all of them", async () => {
        await Promise.all(Array.from({ length: 15 }, (_, i) => store.ticketMessages.append("t_a", ticketMessage(`m${i}`))));
        expect((await store.ticketMessages.list("t_a")).map((m) => m.id).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `m${i}`).sort());
      });
    });

    describe("feedback", () => {
      it("lists feedback newest first, filtered by rating and a period (from inclusive, to exclusive)", async () => {
        await store.feedback.put(feedback({ id: "f1", rating: 5, createdAt: 100 }));
        await store.feedback.put(feedback({ id: "f2", rating: 1, createdAt: 200 }));
        await store.feedback.put(feedback({ id: "f3", rating: 5, createdAt: 300 }));
        const ids = async (filter?: Parameters<Store["feedback"]["list"]>[0]) => (await store.feedback.list(filter)).map((f) => f.id);
        expect(await ids()).toEqual(["f3", "f2", "f1"]);
        expect(await ids({ rating: 5 })).toEqual(["f3", "f1"]);
        expect(await ids({ from: 200 })).toEqual(["f3", "f2"]);
        expect(await ids({ to: 300 })).toEqual(["f2", "f1"]);
        expect(await ids({ from: 100, to: 300, rating: 5 })).toEqual(["f1"]);
        expect(await store.feedback.get("f2")).toEqual(feedback({ id: "f2", rating: 1, createdAt: 200 }));
        expect(await store.feedback.get("f9")).toBeNull();
      });
    });

    describe("official accounts", () => {
      it("adds, lists and removes accounts, changing the version each time", async () => {
        const v0 = await store.officials.version();
        await store.officials.put(official());
        const v1 = await store.officials.version();
        expect(await store.officials.list()).toEqual([official()]);
        expect(await store.officials.remove("o_1")).toBe(true);
        expect(await store.officials.remove("o_1")).toBe(false);
        expect(await store.officials.list()).toEqual([]);
        expect(new Set([v0, v1, await store.officials.version()]).size).toBe(3);
      });

      it("refuses a second account with the same key and keeps the first", async () => {
        await store.officials.put(official());
        await expect(store.officials.put(official({ id: "o_2", handle: "parleysupport" }))).rejects.toBeInstanceOf(DuplicateOfficialError);
        expect(await store.officials.list()).toEqual([official()]);
        await store.officials.put(official({ note: "changed" }));
        expect((await store.officials.list())[0]?.note).toBe("changed");
      });
    });

    describe("mail queue", () => {
      it("returns pending emails that are due, earliest first, and when the next one is due", async () => {
        expect(await store.mailQueue.nextDueAt()).toBeNull();
        await store.mailQueue.put(email({ id: "e1", nextAttemptAt: 300 }));
        await store.mailQueue.put(email({ id: "e2", nextAttemptAt: 100 }));
        await store.mailQueue.put(email({ id: "e3", nextAttemptAt: 50, status: "sent", sentAt: 60 }));
        await store.mailQueue.put(email({ id: "e4", nextAttemptAt: 200, ticketId: "t_b" }));
        expect((await store.mailQueue.due(250, 10)).map((e) => e.id)).toEqual(["e2", "e4"]);
        expect((await store.mailQueue.due(250, 1)).map((e) => e.id)).toEqual(["e2"]);
        expect(await store.mailQueue.nextDueAt()).toBe(100);
        await store.mailQueue.put(email({ id: "e2", nextAttemptAt: 100, status: "failed" }));
        expect(await store.mailQueue.nextDueAt()).toBe(200);
        expect((await store.mailQueue.listByTicket("t_a")).map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
        expect(await store.mailQueue.get("e4")).toEqual(email({ id: "e4", nextAttemptAt: 200, ticketId: "t_b" }));
      });
    });

    describe("chat files", () => {
      it("finds a file by id and lists a conversation's files in upload order", async () => {
        await store.chatFiles.put(chatFile("f_b", { at: 20 }));
        await store.chatFiles.put(chatFile("f_a", { at: 10, uploader: { kind: "agent", agentId: "a_1" } }));
        await store.chatFiles.put(chatFile("f_c", { at: 5, conversationId: "c_2" }));
        expect(await store.chatFiles.get("f_a")).toEqual(chatFile("f_a", { at: 10, uploader: { kind: "agent", agentId: "a_1" } }));
        expect(await store.chatFiles.get("f_none")).toBeNull();
        expect((await store.chatFiles.listByConversation("c_1")).map((f) => f.id)).toEqual(["f_a", "f_b"]);
        expect((await store.chatFiles.listByConversation("c_2")).map((f) => f.id)).toEqual(["f_c"]);
        expect(await store.chatFiles.listByConversation("c_none")).toEqual([]);
      });

      it("returns copies", async () => {
        const file = chatFile("f_a");
        await store.chatFiles.put(file);
        file.name = "changed";
        (await store.chatFiles.get("f_a"))!.name = "changed";
        expect(await store.chatFiles.get("f_a")).toEqual(chatFile("f_a"));
      });
    });

    it("returns copies of self-service records", async () => {
      const draft = ticketDraft();
      const ticket = await store.tickets.create(draft);
      draft.subject = "changed";
      ticket.subject = "changed";
      (await store.tickets.list())[0]!.subject = "changed";
      const message = ticketMessage("m1");
      await store.ticketMessages.append("t_a", message);
      message.attachments.push({ id: "x", name: "x", type: "image/png", size: 1, key: "x" });
      (await store.ticketMessages.list("t_a"))[0]!.text = "changed";
      expect((await store.tickets.get("t_a"))?.subject).toBe(ticketDraft().subject);
      expect(await store.ticketMessages.list("t_a")).toEqual([ticketMessage("m1")]);
    });
  });
}

// The store contract: every adapter of server/store/port.ts must pass this suite.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../server/store/port.js";
import { agent, conversation, draft, session, visitor } from "./fixtures.js";

/** A store under test and how to dispose of it (close it, delete its files). */
export interface StoreHarness {
  store: Store;
  dispose(): Promise<void>;
}

/** Inside `describe`: a fresh store from `create` before each test, handed to `use`, and disposed of after it. */
export function useFreshStore(create: () => Promise<StoreHarness>, use: (store: Store) => void): void {
  let harness: StoreHarness | null = null;
  beforeEach(async () => {
    harness = await create();
    use(harness.store);
  });
  afterEach(async () => {
    await harness?.dispose();
    harness = null;
  });
}

/** Runs the contract suite against stores made by `create`, a fresh one per test. */
export function describeStoreContract(name: string, create: () => Promise<StoreHarness>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    useFreshStore(create, (s) => (store = s));

    describe("agents", () => {
      it("returns null and an empty list before any agent exists", async () => {
        expect(await store.agents.list()).toEqual([]);
        expect(await store.agents.get("a_alex")).toBeNull();
        expect(await store.agents.getByEmail("alex@example.com")).toBeNull();
      });

      it("stores an agent and finds it by id, by email in any case, and in the list", async () => {
        await store.agents.put(agent());
        expect(await store.agents.get("a_alex")).toEqual(agent());
        expect(await store.agents.getByEmail("Alex@Example.COM")).toEqual(agent());
        expect(await store.agents.list()).toEqual([agent()]);
      });

      it("replaces an agent put again with the same id", async () => {
        await store.agents.put(agent());
        await store.agents.put(agent({ name: "Alexandra", maxChats: 5 }));
        expect(await store.agents.list()).toEqual([agent({ name: "Alexandra", maxChats: 5 })]);
      });

      it("removes an agent and reports whether one was removed", async () => {
        await store.agents.put(agent());
        expect(await store.agents.remove("a_alex")).toBe(true);
        expect(await store.agents.remove("a_alex")).toBe(false);
        expect(await store.agents.get("a_alex")).toBeNull();
      });

      it("changes the version on every put and remove", async () => {
        const versions = [await store.agents.version()];
        await store.agents.put(agent());
        versions.push(await store.agents.version());
        await store.agents.put(agent({ name: "Alexandra" }));
        versions.push(await store.agents.version());
        await store.agents.remove("a_alex");
        versions.push(await store.agents.version());
        expect(new Set(versions).size).toBe(4);
      });

      it("keeps the version while nothing changes", async () => {
        await store.agents.put(agent());
        const before = await store.agents.version();
        await store.agents.list();
        expect(await store.agents.version()).toBe(before);
      });

      it("updates an agent from the stored record; writes nothing for an unknown agent or a change that declines", async () => {
        await store.agents.put(agent());
        const stored = await store.agents.update("a_alex", (current) => ({ ...current, name: `${current.name} B.`, maxChats: 4 }));
        expect(stored).toEqual(agent({ name: "Alex B.", maxChats: 4 }));
        expect(await store.agents.get("a_alex")).toEqual(agent({ name: "Alex B.", maxChats: 4 }));
        const version = await store.agents.version();
        expect(await store.agents.update("a_alex", () => null)).toBeNull();
        expect(await store.agents.update("a_nobody", (current) => ({ ...current, name: "Nobody" }))).toBeNull();
        expect(await store.agents.get("a_nobody")).toBeNull();
        expect(await store.agents.version()).toBe(version);
      });

      it("loses no change when two updates of one agent run at once: the second is made on what the first stored", async () => {
        await store.agents.put(agent());
        await Promise.all([
          store.agents.update("a_alex", (current) => ({ ...current, name: "Alexandra" })),
          store.agents.update("a_alex", (current) => ({ ...current, maxChats: 7 })),
          store.agents.update("a_alex", (current) => ({ ...current, languages: [...current.languages, "fr"] })),
        ]);
        expect(await store.agents.get("a_alex")).toEqual(agent({ name: "Alexandra", maxChats: 7, languages: [...agent().languages, "fr"] }));
      });

      it("refuses an update to an email another agent has, and changes nothing", async () => {
        await store.agents.put(agent());
        await store.agents.put(agent({ id: "a_other", email: "other@example.com" }));
        await expect(store.agents.update("a_other", (current) => ({ ...current, email: "ALEX@example.com", name: "Taken" }))).rejects.toThrow(/already exists/);
        expect(await store.agents.get("a_other")).toEqual(agent({ id: "a_other", email: "other@example.com" }));
        expect((await store.agents.getByEmail("alex@example.com"))?.id).toBe("a_alex");
      });
    });

    it("stores visitors by id", async () => {
      expect(await store.visitors.get("v_1")).toBeNull();
      await store.visitors.put(visitor());
      await store.visitors.put(visitor({ id: "v_2" }));
      expect(await store.visitors.get("v_1")).toEqual(visitor());
      expect(await store.visitors.get("v_2")).toEqual(visitor({ id: "v_2" }));
    });

    it("updates a visitor from the stored record (null when none): creates, changes, or writes nothing", async () => {
      expect(await store.visitors.update("v_1", (current) => current)).toBeNull();
      expect(await store.visitors.get("v_1")).toBeNull();
      expect(await store.visitors.update("v_1", (current) => current ?? visitor())).toEqual(visitor());
      expect(await store.visitors.update("v_1", (current) => current && { ...current, conversationIds: ["c_1"] })).toEqual(visitor({ conversationIds: ["c_1"] }));
      expect(await store.visitors.update("v_1", () => null)).toBeNull();
      expect(await store.visitors.get("v_1")).toEqual(visitor({ conversationIds: ["c_1"] }));
    });

    it("loses no change when several updates of one visitor run at once: each is made on what the one before stored", async () => {
      await store.visitors.put(visitor());
      await Promise.all([
        store.visitors.update("v_1", (current) => current && { ...current, conversationIds: [...(current.conversationIds ?? []), "c_1"] }),
        store.visitors.update("v_1", (current) => current && { ...current, pushDevices: [{ platform: "apns", token: "t1", at: 1 }] }),
        store.visitors.update("v_1", (current) => current && { ...current, deviceTokenHashes: [...(current.deviceTokenHashes ?? []), "cd".repeat(32)] }),
        store.visitors.update("v_1", (current) => current && { ...current, conversationIds: [...(current.conversationIds ?? []), "c_2"] }),
      ]);
      const stored = await store.visitors.get("v_1");
      expect(stored?.conversationIds?.slice().sort()).toEqual(["c_1", "c_2"]);
      expect(stored?.pushDevices).toEqual([{ platform: "apns", token: "t1", at: 1 }]);
      expect(stored?.deviceTokenHashes).toEqual(["cd".repeat(32)]);
    });

    describe("conversations", () => {
      it("creates a conversation once: a second create with the same id is refused and changes nothing", async () => {
        expect(await store.conversations.get("c_1")).toBeNull();
        expect(await store.conversations.create(conversation())).toBe(true);
        expect(await store.conversations.create(conversation({ visitorName: "Impostor" }))).toBe(false);
        expect(await store.conversations.get("c_1")).toEqual(conversation());
      });

      it("updates only at the epoch the writer read, and stores the next epoch", async () => {
        await store.conversations.create(conversation());
        const assigned = await store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0);
        expect(assigned).toEqual({ ok: true, conversation: conversation({ status: "assigned", assigneeId: "a_alex", epoch: 1 }) });
        expect(await store.conversations.get("c_1")).toEqual(conversation({ status: "assigned", assigneeId: "a_alex", epoch: 1 }));
      });

      it("refuses a stale write (a second writer at the same epoch) and returns the current record", async () => {
        await store.conversations.create(conversation());
        const first = await store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0);
        const second = await store.conversations.update(conversation({ status: "assigned", assigneeId: "a_bea" }), 0);
        expect(first.ok).toBe(true);
        expect(second).toEqual({ ok: false, current: conversation({ status: "assigned", assigneeId: "a_alex", epoch: 1 }) });
        expect((await store.conversations.get("c_1"))?.assigneeId).toBe("a_alex");
      });

      it("lets exactly one of many concurrent writers at one epoch win", async () => {
        await store.conversations.create(conversation());
        const agents = ["a_1", "a_2", "a_3", "a_4", "a_5"];
        const results = await Promise.all(agents.map((id) => store.conversations.update(conversation({ status: "assigned", assigneeId: id }), 0)));
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        expect((await store.conversations.get("c_1"))?.assigneeId).toBe(winners[0]!.ok && winners[0]!.conversation.assigneeId);
      });

      it("refuses an update of a conversation that does not exist", async () => {
        expect(await store.conversations.update(conversation(), 0)).toEqual({ ok: false, current: null });
        expect(await store.conversations.get("c_1")).toBeNull();
      });

      it("raises the read marker at the current epoch only, and never lowers it", async () => {
        await store.conversations.create(conversation({ status: "assigned", assigneeId: "a_alex" }));
        await store.conversations.markRead("c_1", 0, 5);
        expect((await store.conversations.get("c_1"))?.agentReadSeq).toBe(5);
        await store.conversations.markRead("c_1", 0, 3);
        expect((await store.conversations.get("c_1"))?.agentReadSeq).toBe(5);
        await store.conversations.markRead("c_1", 7, 9);
        expect((await store.conversations.get("c_1"))?.agentReadSeq).toBe(5);
        await store.conversations.markRead("c_missing", 0, 9);
        expect(await store.conversations.get("c_missing")).toBeNull();
      });

      it("raises the customer's read marker whatever the epoch, never lowers it, and keeps it through updates", async () => {
        await store.conversations.create(conversation({ status: "assigned", assigneeId: "a_alex" }));
        expect((await store.conversations.get("c_1"))?.visitorReadSeq ?? 0).toBe(0);
        await store.conversations.markVisitorRead("c_1", 4);
        await store.conversations.markVisitorRead("c_1", 2);
        expect((await store.conversations.get("c_1"))?.visitorReadSeq).toBe(4);
        // A writer holding a copy read before the customer read on does not lower it.
        const stale = conversation({ status: "closed", assigneeId: "a_alex", closedAt: 1, closedBy: "agent" });
        const written = await store.conversations.update(stale, 0);
        expect(written.ok).toBe(true);
        const stored = await store.conversations.get("c_1");
        expect(stored).toMatchObject({ status: "closed", epoch: 1, visitorReadSeq: 4 });
        await store.conversations.markVisitorRead("c_1", 6);
        expect((await store.conversations.get("c_1"))?.visitorReadSeq).toBe(6);
        await store.conversations.markVisitorRead("c_missing", 3);
        expect(await store.conversations.get("c_missing")).toBeNull();
      });

      it("lists only conversations that are not closed", async () => {
        await store.conversations.create(conversation({ id: "c_q" }));
        await store.conversations.create(conversation({ id: "c_a", status: "assigned", assigneeId: "a_alex" }));
        await store.conversations.create(conversation({ id: "c_x" }));
        await store.conversations.update(conversation({ id: "c_x", status: "closed", closedAt: 1, closedBy: "agent" }), 0);
        const open = await store.conversations.listOpen();
        expect(open.map((c) => c.id).sort()).toEqual(["c_a", "c_q"]);
      });

      it("finds a visitor's open conversation and ignores closed ones and other visitors'", async () => {
        await store.conversations.create(conversation({ id: "c_old", status: "closed", closedAt: 1, closedBy: "visitor" }));
        await store.conversations.create(conversation({ id: "c_other", visitorId: "v_2" }));
        expect(await store.conversations.findOpenByVisitor("v_1")).toBeNull();
        await store.conversations.create(conversation({ id: "c_new" }));
        expect((await store.conversations.findOpenByVisitor("v_1"))?.id).toBe("c_new");
        expect(await store.conversations.findOpenByVisitor("v_3")).toBeNull();
      });
    });

    it("stores, returns and removes sessions", async () => {
      expect(await store.sessions.get(session().id)).toBeNull();
      await store.sessions.put(session());
      expect(await store.sessions.get(session().id)).toEqual(session());
      await store.sessions.remove(session().id);
      expect(await store.sessions.get(session().id)).toBeNull();
      await expect(store.sessions.remove(session().id)).resolves.toBeUndefined();
    });

    it("removes the sessions that have expired, and only those", async () => {
      await store.sessions.put(session({ id: "a1".repeat(32), expiresAt: 1000 }));
      await store.sessions.put(session({ id: "b2".repeat(32), expiresAt: 2000 }));
      await store.sessions.put(session({ id: "c3".repeat(32), expiresAt: 3000 }));
      expect(await store.sessions.removeExpired(2000)).toBe(2);
      expect(await store.sessions.get("a1".repeat(32))).toBeNull();
      expect(await store.sessions.get("b2".repeat(32))).toBeNull();
      expect(await store.sessions.get("c3".repeat(32))).toEqual(session({ id: "c3".repeat(32), expiresAt: 3000 }));
      expect(await store.sessions.removeExpired(2000)).toBe(0);
    });

    describe("messages", () => {
      it("numbers a conversation's messages 1, 2, 3 and stores what was sent", async () => {
        const results = [];
        for (const id of ["m1", "m2", "m3"]) results.push(await store.messages.append("c_1", draft(id)));
        expect(results.map((r) => [r.message.seq, r.duplicate])).toEqual([[1, false], [2, false], [3, false]]);
        expect(results[0]!.message).toEqual({ ...draft("m1"), conversationId: "c_1", seq: 1 });
      });

      it("keeps the attachments a message carries, also when read back", async () => {
        const attachments = [{ id: "f_1", name: "screen.png", type: "image/png", size: 120, url: "/api/conversations/c_1/files/f_1" }];
        const { message } = await store.messages.append("c_1", draft("m1", "", { attachments }));
        expect(message.attachments).toEqual(attachments);
        expect(await store.messages.list("c_1", 0)).toEqual([message]);
        expect(await store.messages.last("c_1")).toEqual(message);
      });

      it("keeps the author name of agent messages", async () => {
        const { message } = await store.messages.append("c_1", draft("m1", "Hi, I'm Alex", { author: "agent", authorName: "Alex" }));
        expect(await store.messages.list("c_1", 0)).toEqual([message]);
        expect(message.authorName).toBe("Alex");
      });

      it("keeps a system line's notice, so clients can say it in their own language", async () => {
        const notice = { kind: "joined", name: "Jonas" } as const;
        const { message } = await store.messages.append("c_1", draft("s1", "Jonas joined the chat", { author: "system", notice }));
        expect(message.notice).toEqual(notice);
        expect(await store.messages.list("c_1", 0)).toEqual([message]);
        expect(await store.messages.last("c_1")).toEqual(message);
      });

      it("numbers each conversation on its own", async () => {
        await store.messages.append("c_1", draft("m1"));
        await store.messages.append("c_1", draft("m2"));
        expect((await store.messages.append("c_2", draft("m3"))).message.seq).toBe(1);
        expect(await store.messages.lastSeq("c_1")).toBe(2);
        expect(await store.messages.lastSeq("c_2")).toBe(1);
      });

      it("returns the stored message for a repeated id, marks it duplicate and stores nothing", async () => {
        const first = await store.messages.append("c_1", draft("m1", "original"));
        await store.messages.append("c_1", draft("m2"));
        const again = await store.messages.append("c_1", draft("m1", "retried with other text"));
        expect(again).toEqual({ message: first.message, duplicate: true });
        expect(await store.messages.lastSeq("c_1")).toBe(2);
        expect((await store.messages.list("c_1", 0)).map((m) => m.id)).toEqual(["m1", "m2"]);
      });

      it("treats the same message id in two conversations as two messages", async () => {
        await store.messages.append("c_1", draft("m1"));
        expect((await store.messages.append("c_2", draft("m1"))).duplicate).toBe(false);
      });

      it("lists messages after a seq, ascending, at most limit", async () => {
        for (let i = 1; i <= 5; i++) await store.messages.append("c_1", draft(`m${i}`));
        const seqs = async (after: number, limit?: number) => (await store.messages.list("c_1", after, limit)).map((m) => m.seq);
        expect(await seqs(0)).toEqual([1, 2, 3, 4, 5]);
        expect(await seqs(2)).toEqual([3, 4, 5]);
        expect(await seqs(1, 2)).toEqual([2, 3]);
        expect(await seqs(3, 10)).toEqual([4, 5]);
        expect(await seqs(5)).toEqual([]);
        expect(await seqs(0, 0)).toEqual([]);
      });

      it("reports no messages for a conversation without any", async () => {
        expect(await store.messages.list("c_none", 0)).toEqual([]);
        expect(await store.messages.last("c_none")).toBeNull();
        expect(await store.messages.lastSeq("c_none")).toBe(0);
      });

      it("returns the last message and the last seq", async () => {
        await store.messages.append("c_1", draft("m1"));
        const { message } = await store.messages.append("c_1", draft("m2"));
        expect(await store.messages.last("c_1")).toEqual(message);
        expect(await store.messages.lastSeq("c_1")).toBe(2);
      });

      it("gives 50 concurrent appends to one conversation the seqs 1..50 exactly once", async () => {
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.messages.append("c_1", draft(`m${i}`))));
        expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        const listed = await store.messages.list("c_1", 0);
        expect(listed.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        expect(new Set(listed.map((m) => m.id)).size).toBe(50);
      });

      it("stores concurrent repeats of one message id once", async () => {
        const results = await Promise.all(Array.from({ length: 10 }, () => store.messages.append("c_1", draft("m1"))));
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.message.seq))).toEqual(new Set([1]));
        expect(await store.messages.lastSeq("c_1")).toBe(1);
      });
    });

    describe("returns copies, not the stored objects", () => {
      it("ignores changes to an object after it was put", async () => {
        const stored = agent();
        await store.agents.put(stored);
        stored.languages.push("fr");
        const c = conversation();
        await store.conversations.create(c);
        c.status = "closed";
        expect((await store.agents.get("a_alex"))?.languages).toEqual(["en", "de"]);
        expect((await store.conversations.get("c_1"))?.status).toBe("queued");
      });

      it("ignores changes to returned objects", async () => {
        await store.agents.put(agent());
        await store.conversations.create(conversation());
        await store.visitors.put(visitor());
        await store.sessions.put(session());
        await store.messages.append("c_1", draft("m1"));
        (await store.agents.get("a_alex"))!.languages.push("fr");
        (await store.agents.list())[0]!.name = "Mallory";
        (await store.conversations.get("c_1"))!.status = "closed";
        (await store.conversations.listOpen())[0]!.epoch = 99;
        (await store.visitors.get("v_1"))!.tokenHash = "x";
        (await store.sessions.get(session().id))!.agentId = "a_mallory";
        (await store.messages.list("c_1", 0))[0]!.text = "changed";
        (await store.messages.last("c_1"))!.seq = 42;
        expect(await store.agents.get("a_alex")).toEqual(agent());
        expect(await store.conversations.get("c_1")).toEqual(conversation());
        expect(await store.visitors.get("v_1")).toEqual(visitor());
        expect(await store.sessions.get(session().id)).toEqual(session());
        expect(await store.messages.last("c_1")).toEqual({ ...draft("m1"), conversationId: "c_1", seq: 1 });
      });
    });

    it("closes", async () => {
      await store.messages.append("c_1", draft("m1"));
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}

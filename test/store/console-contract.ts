// The console part of the store contract (settings, canned responses): every adapter must pass it.
import { describe, expect, it } from "vitest";
import { DuplicateShortcutError, type CannedResponseRecord, type Store } from "../../server/store/port.js";
import { useFreshStore, type StoreHarness } from "./contract.js";
import { conversation } from "./fixtures.js";

/** A canned response with defaults. */
export function canned(overrides: Partial<CannedResponseRecord> = {}): CannedResponseRecord {
  return { id: "cr_1", ownerId: null, language: "en", shortcut: "hello", text: "Hello! How can I help?", createdAt: 1, updatedAt: 1, ...overrides };
}

export function describeConsoleContract(name: string, create: () => Promise<StoreHarness>): void {
  describe(`console store contract: ${name}`, () => {
    let store: Store;
    useFreshStore(create, (s) => (store = s));

    it("lists the conversations created in a period, whatever their status", async () => {
      await store.conversations.create(conversation({ id: "c_early", createdAt: 999 }));
      await store.conversations.create(conversation({ id: "c_first", createdAt: 1000 }));
      await store.conversations.create(conversation({ id: "c_closed", createdAt: 1500, status: "closed", closedAt: 1600, closedBy: "visitor" }));
      await store.conversations.create(conversation({ id: "c_late", createdAt: 2000 }));
      const ids = (await store.conversations.listCreated(1000, 2000)).map((c) => c.id).sort();
      expect(ids).toEqual(["c_closed", "c_first"]);
      expect(await store.conversations.listCreated(5000, 6000)).toEqual([]);
    });

    it("starts with no settings, stores changes and says when they changed", async () => {
      expect(await store.settings.get()).toEqual({});
      const before = await store.settings.version();
      const stored = await store.settings.update((s) => ({ ...s, languages: ["de", "en"], texts: { de: { greeting: "Hallo!" } } }));
      expect(stored).toEqual({ languages: ["de", "en"], texts: { de: { greeting: "Hallo!" } } });
      await store.settings.update((s) => ({ ...s, ticketCategories: ["Billing"] }));
      expect(await store.settings.get()).toEqual({ languages: ["de", "en"], texts: { de: { greeting: "Hallo!" } }, ticketCategories: ["Billing"] });
      expect(await store.settings.version()).not.toBe(before);
    });

    it("hands out copies of the settings", async () => {
      await store.settings.update(() => ({ languages: ["en"] }));
      const got = await store.settings.get();
      got.languages!.push("de");
      expect(await store.settings.get()).toEqual({ languages: ["en"] });
    });

    it("keeps canned responses, replaces by id and removes them", async () => {
      await store.canned.put(canned());
      await store.canned.put(canned({ id: "cr_2", ownerId: "a_1", shortcut: "bye", text: "Bye" }));
      await store.canned.put(canned({ text: "Hi there!", updatedAt: 2 }));
      const all = (await store.canned.list()).sort((a, b) => a.id.localeCompare(b.id));
      expect(all).toEqual([canned({ text: "Hi there!", updatedAt: 2 }), canned({ id: "cr_2", ownerId: "a_1", shortcut: "bye", text: "Bye" })]);
      expect(await store.canned.remove("cr_1")).toBe(true);
      expect(await store.canned.remove("cr_1")).toBe(false);
      expect((await store.canned.list()).map((r) => r.id)).toEqual(["cr_2"]);
    });

    it("refuses a second response with the same owner, language and shortcut, and allows it for another owner or language", async () => {
      await store.canned.put(canned());
      await expect(store.canned.put(canned({ id: "cr_2" }))).rejects.toBeInstanceOf(DuplicateShortcutError);
      await store.canned.put(canned({ id: "cr_3", ownerId: "a_1" }));
      await store.canned.put(canned({ id: "cr_4", language: "de" }));
      expect((await store.canned.list()).length).toBe(3);
    });

    it("updates a response on what is stored: concurrent changes all kept, a removed one stays removed, a clash refused", async () => {
      await store.canned.put(canned());
      await Promise.all([
        store.canned.update("cr_1", (current) => ({ ...current, text: "Hi there!" })),
        store.canned.update("cr_1", (current) => ({ ...current, shortcut: "hi" })),
        store.canned.update("cr_1", (current) => ({ ...current, updatedAt: current.updatedAt + 1 })),
      ]);
      expect(await store.canned.list()).toEqual([canned({ text: "Hi there!", shortcut: "hi", updatedAt: 2 })]);
      await store.canned.put(canned({ id: "cr_2", shortcut: "bye" }));
      await expect(store.canned.update("cr_2", (current) => ({ ...current, shortcut: "hi" }))).rejects.toBeInstanceOf(DuplicateShortcutError);
      expect(await store.canned.update("cr_2", () => null)).toBeNull();
      expect(await store.canned.remove("cr_2")).toBe(true);
      expect(await store.canned.update("cr_2", (current) => ({ ...current, text: "Back?" }))).toBeNull();
      expect((await store.canned.list()).map((r) => r.id)).toEqual(["cr_1"]);
    });
  });
}

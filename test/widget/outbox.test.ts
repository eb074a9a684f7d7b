import { describe, expect, it } from "vitest";
import { createOutbox, isRetryable } from "../../widget/client/outbox.js";
import { createMemoryStorage, STORAGE_KEYS } from "../../widget/client/storage.js";

const ids = () => {
  let n = 0;
  return () => `msg-0000-${++n}`;
};

describe("outbox", () => {
  it("keeps pending messages in typing order", () => {
    const outbox = createOutbox(createMemoryStorage(), ids());
    outbox.add("one");
    outbox.add("two");
    outbox.add("three");
    expect(outbox.list().map((m) => m.text)).toEqual(["one", "two", "three"]);
    expect(outbox.next()?.text).toBe("one");
  });

  it("survives a new client instance on the same storage (page reload)", () => {
    const storage = createMemoryStorage();
    const before = createOutbox(storage, ids());
    before.add("hello", { language: "de", name: "Ada" });
    before.add("are you there?");
    const after = createOutbox(storage, ids());
    expect(after.list()).toEqual(before.list());
    expect(after.next()?.start).toEqual({ language: "de", name: "Ada" });
  });

  it("removes a stored message and clears storage when empty", () => {
    const storage = createMemoryStorage();
    const outbox = createOutbox(storage, ids());
    const m = outbox.add("hi");
    expect(outbox.remove(m.id)).toBe(true);
    expect(outbox.remove(m.id)).toBe(false);
    expect(storage.get(STORAGE_KEYS.outbox)).toBeNull();
  });

  it("skips a failed message so the queue moves on, and keeps it visible with its error", () => {
    const outbox = createOutbox(createMemoryStorage(), ids());
    const a = outbox.add("too long");
    outbox.add("next");
    outbox.fail(a.id, { code: "message_too_long", message: "too long" });
    expect(outbox.next()?.text).toBe("next");
    expect(outbox.list()[0]).toMatchObject({ status: "failed", error: { code: "message_too_long" } });
  });

  it("queues a retried message again with the same id behind the waiting ones", () => {
    const outbox = createOutbox(createMemoryStorage(), ids());
    const a = outbox.add("first");
    outbox.add("second");
    outbox.fail(a.id, { code: "conversation_closed", message: "closed" });
    expect(outbox.retry(a.id)).toBe(true);
    expect(outbox.list().map((m) => [m.text, m.status])).toEqual([
      ["second", "sending"],
      ["first", "sending"],
    ]);
    expect(outbox.list()[1]?.id).toBe(a.id);
  });

  it("ignores a corrupt stored outbox", () => {
    const storage = createMemoryStorage({ [STORAGE_KEYS.outbox]: "{not json" });
    expect(createOutbox(storage, ids()).list()).toEqual([]);
    const odd = createMemoryStorage({ [STORAGE_KEYS.outbox]: JSON.stringify([{ id: 1 }, null, "x"]) });
    expect(createOutbox(odd, ids()).list()).toEqual([]);
  });

  it("drops failed messages when a new chat starts", () => {
    const outbox = createOutbox(createMemoryStorage(), ids());
    const a = outbox.add("refused");
    outbox.add("waiting");
    outbox.fail(a.id, { code: "conversation_closed", message: "closed" });
    outbox.clearFailed();
    expect(outbox.list().map((m) => m.text)).toEqual(["waiting"]);
  });
});

describe("error classification", () => {
  it.each(["rate_limited", "storage_unavailable", "internal", "timeout", "offline"] as const)("retries %s", (code) => {
    expect(isRetryable(code)).toBe(true);
  });

  it.each(["invalid_payload", "message_too_long", "empty_message", "unknown_language", "conversation_closed", "not_found"] as const)(
    "treats %s as final",
    (code) => {
      expect(isRetryable(code)).toBe(false);
    },
  );
});

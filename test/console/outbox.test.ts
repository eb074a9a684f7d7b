import { describe, expect, it } from "vitest";
import {
  isRetryable,
  nextPending,
  pendingMessage,
  requeueRetryable,
  updateOutgoing,
  withoutConversation,
  withoutOutgoing,
} from "../../console/model/outbox.js";

const failed = (id: string, retryable: boolean) => ({ ...pendingMessage(id, "c1", id), state: "failed" as const, error: "x", retryable });

describe("outbox", () => {
  it("sends the oldest pending message of a conversation first, skipping failed ones", () => {
    const outbox = [failed("a", true), pendingMessage("b", "c2", "other chat"), pendingMessage("c", "c1", "next")];
    expect(nextPending(outbox, "c1")?.id).toBe("c");
    expect(nextPending(outbox, "c3")).toBeNull();
  });

  it("puts retryable failures back to pending and leaves final ones failed", () => {
    const outbox = requeueRetryable([failed("a", true), failed("b", false)]);
    expect(outbox.map((o) => o.state)).toEqual(["pending", "failed"]);
    expect(outbox[0]?.error).toBeNull();
  });

  it("returns the same array when an operation changes nothing", () => {
    const outbox = [pendingMessage("a", "c1", "hi")];
    expect(withoutOutgoing(outbox, "zzz")).toBe(outbox);
    expect(withoutConversation(outbox, "c9")).toBe(outbox);
    expect(updateOutgoing(outbox, "zzz", (o) => o)).toBe(outbox);
    expect(requeueRetryable(outbox)).toBe(outbox);
  });

  it("removes a conversation's messages", () => {
    const outbox = [pendingMessage("a", "c1", "x"), pendingMessage("b", "c2", "y")];
    expect(withoutConversation(outbox, "c1").map((o) => o.id)).toEqual(["b"]);
  });

  it.each([
    ["rate_limited", true],
    ["storage_unavailable", true],
    ["timeout", true],
    ["internal", true],
    ["message_too_long", false],
    ["empty_message", false],
    ["not_assigned", false],
    ["conversation_closed", false],
  ] as const)("treats %s as retryable: %s", (error, retryable) => {
    expect(isRetryable(error)).toBe(retryable);
  });
});

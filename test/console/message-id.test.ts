import { afterEach, describe, expect, it } from "vitest";
import { newMessageId } from "../../console/message-id.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newMessageId", () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis.crypto, "randomUUID");
  });

  it("makes distinct v4 UUIDs", () => {
    const a = newMessageId();
    expect(a).toMatch(UUID_V4);
    expect(newMessageId()).not.toBe(a);
  });

  it("still makes v4 UUIDs where randomUUID is missing (plain http)", () => {
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
    const ids = new Set(Array.from({ length: 50 }, newMessageId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});

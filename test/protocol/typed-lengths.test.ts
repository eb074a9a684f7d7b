// Field limits on what people type count characters as docs/protocol.md says (code points: an emoji is one), not
// UTF-16 units (an emoji is two). zod 4's string max counts code points; this keeps it so across upgrades.
import { describe, expect, it } from "vitest";
import { conversationRateSchema, conversationStartSchema, conversationTransferSchema, identifySchema } from "../../server/protocol/schemas.js";

const emoji = (n: number) => "😀".repeat(n);
const start = (name: string) => conversationStartSchema.safeParse({ language: "en", name, message: { id: "msg-00001", text: "hi" } });

describe("limits on typed fields, in characters", () => {
  it("takes a name of 80 emoji and refuses 81", () => {
    expect(start(emoji(80)).success).toBe(true);
    const over = start(emoji(81));
    expect(over.success).toBe(false);
    expect(over.error!.issues[0]!.code).toBe("too_big");
    expect(identifySchema.safeParse({ visitorId: "v", token: "t", id: "u1", hash: "h", name: emoji(80) }).success).toBe(true);
  });

  it("counts a rating comment and a transfer note the same way", () => {
    expect(conversationRateSchema.safeParse({ conversationId: "c1", score: 5, comment: emoji(2000) }).success).toBe(true);
    expect(conversationRateSchema.safeParse({ conversationId: "c1", score: 5, comment: `${emoji(2000)}x` }).success).toBe(false);
    expect(conversationTransferSchema.safeParse({ conversationId: "c1", to: { language: "de" }, note: emoji(1000) }).success).toBe(true);
    expect(conversationTransferSchema.safeParse({ conversationId: "c1", to: { language: "de" }, note: "x".repeat(1001) }).success).toBe(false);
  });

  it("still refuses a lone surrogate", () => {
    expect(start("\uD83D").success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { advanceSynced, mergeMessages } from "../../console/model/messages.js";
import { messageView } from "./fakes.js";

const seqs = (list: readonly { seq: number }[]) => list.map((m) => m.seq);

describe("mergeMessages", () => {
  it("appends newer messages in seq order", () => {
    const merged = mergeMessages([messageView(1), messageView(2)], [messageView(4), messageView(3)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4]);
  });

  it("keeps one copy of a seq that arrives twice (event and history)", () => {
    const first = messageView(2, { text: "first copy" });
    const merged = mergeMessages([messageView(1), first], [messageView(2, { text: "second copy" }), messageView(3)]);
    expect(seqs(merged)).toEqual([1, 2, 3]);
    expect(merged[1]).toBe(first);
  });

  it("slots an older message into its place", () => {
    expect(seqs(mergeMessages([messageView(1), messageView(3)], [messageView(2)]))).toEqual([1, 2, 3]);
  });

  it("returns the same array when nothing is new, so no update is needed", () => {
    const held = [messageView(1), messageView(2)];
    expect(mergeMessages(held, [messageView(2)])).toBe(held);
    expect(mergeMessages(held, [])).toBe(held);
  });

  it("drops duplicates within one incoming batch", () => {
    expect(seqs(mergeMessages([], [messageView(1), messageView(1), messageView(2)]))).toEqual([1, 2]);
  });
});

describe("advanceSynced", () => {
  it.each([
    { from: 0, held: [1, 2, 3], expected: 3 },
    { from: 3, held: [1, 2, 3, 4, 5, 7], expected: 5 },
    { from: 2, held: [4, 5], expected: 2 },
    { from: 5, held: [], expected: 5 },
    { from: 5, held: [2, 3], expected: 5 },
  ])("from $from over $held reaches $expected", ({ from, held, expected }) => {
    expect(advanceSynced(held.map((s) => messageView(s)), from)).toBe(expected);
  });
});

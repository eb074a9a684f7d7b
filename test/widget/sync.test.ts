import { describe, expect, it } from "vitest";
import type { MessageView } from "../../server/protocol/index.js";
import { emptyTranscript, hasGap, mergeMessages, trimTranscript } from "../../widget/client/sync.js";

const msg = (seq: number, conversationId = "c1"): MessageView => ({
  id: `m-${conversationId}-${seq}`,
  conversationId,
  seq,
  author: seq % 2 ? "visitor" : "agent",
  text: `text ${seq}`,
  at: 1_000 + seq,
});
const seqs = (ms: readonly MessageView[]) => ms.map((m) => m.seq);

describe("transcript merge", () => {
  it("orders messages by seq whatever the arrival order", () => {
    const { transcript } = mergeMessages(emptyTranscript("c1"), [msg(3), msg(1), msg(2)]);
    expect(seqs(transcript.messages)).toEqual([1, 2, 3]);
    expect(transcript.lastSeq).toBe(3);
  });

  it("ignores a seq it already has (own messages come back as message:created)", () => {
    const first = mergeMessages(emptyTranscript("c1"), [msg(1), msg(2)]);
    const again = mergeMessages(first.transcript, [msg(2), msg(1), msg(2)]);
    expect(again.added).toEqual([]);
    expect(again.transcript).toBe(first.transcript);
  });

  it("reports a gap and keeps lastSeq below it until the hole is filled", () => {
    const a = mergeMessages(emptyTranscript("c1"), [msg(1), msg(2), msg(4)]);
    expect(a.gap).toBe(true);
    expect(a.transcript.lastSeq).toBe(2);
    const b = mergeMessages(a.transcript, [msg(3)]);
    expect(b.gap).toBe(false);
    expect(b.transcript.lastSeq).toBe(4);
    expect(seqs(b.transcript.messages)).toEqual([1, 2, 3, 4]);
  });

  it("returns only the new messages, in seq order", () => {
    const a = mergeMessages(emptyTranscript("c1"), [msg(1)]);
    const b = mergeMessages(a.transcript, [msg(3), msg(1), msg(2)]);
    expect(seqs(b.added)).toEqual([2, 3]);
  });

  it("ignores messages of another conversation and invalid seqs", () => {
    const r = mergeMessages(emptyTranscript("c1"), [msg(1, "c2"), { ...msg(1), seq: 0 }, { ...msg(2), seq: 1.5 }]);
    expect(r.added).toEqual([]);
    expect(r.transcript.messages).toEqual([]);
  });

  it("does not re-add messages at or below lastSeq after the cache was trimmed", () => {
    const full = mergeMessages(emptyTranscript("c1"), [1, 2, 3, 4, 5].map((n) => msg(n))).transcript;
    const trimmed = trimTranscript(full, 2);
    expect(seqs(trimmed.messages)).toEqual([4, 5]);
    const r = mergeMessages(trimmed, [msg(1), msg(6)]);
    expect(seqs(r.added)).toEqual([6]);
    expect(r.transcript.lastSeq).toBe(6);
    expect(hasGap(r.transcript)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { checkText, generatedVisitorName, normaliseText, textLength } from "../../server/domain/message.js";

describe("message text", () => {
  it.each([
    ["", "empty_message"],
    ["x".repeat(4000), null],
    ["x".repeat(4001), "message_too_long"],
    ["👍".repeat(4000), null],
    ["👍".repeat(4001), "message_too_long"],
  ])("judges %#", (text, expected) => {
    expect(checkText(text, 4000)?.error ?? null).toBe(expected);
  });

  it("counts code points, so an emoji is one character", () => {
    expect(textLength("a👍b")).toBe(3);
  });

  it("normalises line endings and trims the ends but keeps markup as typed", () => {
    expect(normaliseText("  <b>hi</b>\r\nthere\r ")).toBe("<b>hi</b>\nthere");
  });

  it("gives a visitor without a name a stable generated one", () => {
    expect(generatedVisitorName("v_abc")).toBe(generatedVisitorName("v_abc"));
    expect(generatedVisitorName("v_abc")).toMatch(/^Visitor \d{4}$/);
  });
});

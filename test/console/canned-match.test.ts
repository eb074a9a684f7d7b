import { describe, expect, it } from "vitest";
import type { CannedResponseView } from "../../server/protocol/index.js";
import { insertCanned, matchCanned } from "../../console/model/canned-match.js";

const r = (shortcut: string, language: string, scope: "shared" | "personal" = "shared"): CannedResponseView => ({ id: `${scope}-${language}-${shortcut}`, scope, language, shortcut, text: `${shortcut} in ${language}`, updatedAt: 0 });
const ALL = [r("refund", "en"), r("refund", "de"), r("reset", "en"), r("hello", "de"), r("refund-time", "de", "personal")];

describe("matching canned responses", () => {
  it.each([
    ["/re", 3, ["de:refund", "de:refund-time", "en:refund", "en:reset"]],
    ["Hi /ref", 7, ["de:refund", "de:refund-time", "en:refund"]],
    ["/", 1, ["de:hello", "de:refund", "de:refund-time", "en:refund", "en:reset"]],
    ["/RES", 4, ["en:reset"]],
  ])("offers for %j (caret %i) the conversation's language first: %j", (text, caret, expected) => {
    expect(matchCanned(text, caret, ALL, "de")?.matches.map((m) => `${m.language}:${m.shortcut}`)).toEqual(expected);
  });

  it.each([
    ["a/re", 4],
    ["/zzz", 4],
    ["/re now", 7],
    ["no slash", 8],
  ])("offers nothing for %j (caret %i)", (text, caret) => {
    expect(matchCanned(text, caret, ALL, "en")).toBeNull();
  });

  it("looks only at the text before the caret", () => {
    expect(matchCanned("/re and more", 3, ALL, "en")).toMatchObject({ start: 0, end: 3 });
  });

  it("replaces the typed shortcut with the text and puts the caret after it", () => {
    const query = matchCanned("Hi /ref, bye", 7, ALL, "en")!;
    expect(insertCanned("Hi /ref, bye", query, { text: "Refunds take a week." })).toEqual({ text: "Hi Refunds take a week., bye", caret: 23 });
  });
});

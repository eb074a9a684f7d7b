import { describe, expect, it } from "vitest";
import { readBootData } from "../../widget/app/model/boot.js";

const doc = (text: string | null) => ({ getElementById: (id: string) => (id === "parley-boot" && text !== null ? ({ textContent: text } as HTMLElement) : null) });
const CONFIG = { languages: [{ code: "en", name: "English" }], defaultLanguage: "en", maxMessageLength: 2000 };
const SETTINGS = { language: "en", color: "#1f5fbf", position: "right", greeting: null, away: null, queue: null };

describe("the chat page's start data", () => {
  it("reads the configuration and the admins' texts the page carries", () => {
    const queues = { languages: [{ language: "en", etaSeconds: 60, etaRange: [30, 90], peak: false, open: true, closing: false, fallback: null, helpLinks: [], full: false, etaReliable: true }], generatedAt: 1 };
    expect(readBootData(doc(JSON.stringify({ config: CONFIG, settings: SETTINGS, queues })))).toEqual({ config: CONFIG, settings: SETTINGS, queues });
  });

  it.each([
    ["no data block", null],
    ["malformed JSON", "{oops"],
    ["JSON null", "null"],
    ["wrong shapes", JSON.stringify({ config: { languages: [] }, settings: { color: 3 }, queues: { languages: "en" } })],
  ])("reads %s as absent (the chat then fetches both)", (_name, text) => {
    expect(readBootData(doc(text))).toEqual({ config: null, settings: null, queues: null });
  });
});

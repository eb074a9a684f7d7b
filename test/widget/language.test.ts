import { describe, expect, it } from "vitest";
import { pickLanguage } from "../../widget/app/model/language.js";

const configured = ["en", "de", "pt", "zh"];

describe("language defaulting", () => {
  it.each([
    ["the host page's html lang", ["de", "en-US"], "de"],
    ["a regional host tag by its primary subtag", ["pt-BR", "en"], "pt"],
    ["an upper-case or underscored tag", ["ZH_Hant_TW"], "zh"],
    ["the browser language when the host gives none", ["", "de-CH"], "de"],
    ["the browser language when the host's is not configured", ["fr", "de-DE"], "de"],
    ["the next browser language when the first is not configured", [null, "fr-FR", "pt-PT"], "pt"],
    ["the configured default when nothing matches", ["fr", "ja"], "en"],
  ])("picks %s", (_label, candidates, expected) => {
    expect(pickLanguage(candidates, configured, "en")).toBe(expected);
  });

  it("falls back to the default for junk", () => {
    expect(pickLanguage(["../../etc", "<script>", "x".repeat(5000)], configured, "de")).toBe("de");
  });
});

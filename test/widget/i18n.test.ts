import { signal } from "@preact/signals";
import { describe, expect, expectTypeOf, it } from "vitest";
import { loadDictionaries, textFor } from "../../widget/app/i18n/load.js";
import { DICTIONARIES } from "../../widget/app/i18n/all.js";
import { directionOf, errorText, format, languageName, UI_LANGUAGES, type Dictionary } from "../../widget/app/i18n/index.js";
import { en } from "../../widget/app/i18n/en.js";
import { de } from "../../widget/app/i18n/de.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  it("are complete at the type level", () => {
    expectTypeOf(de).toEqualTypeOf<Dictionary>();
    // @ts-expect-error a dictionary that misses keys of en does not type-check
    const partial: Dictionary = { title: "Chat" };
    // @ts-expect-error a dictionary with a key en does not have does not type-check
    const extra: Dictionary = { ...en, surplus: "x" };
    expect([partial, extra]).toHaveLength(2);
  });

  const others = Object.entries(DICTIONARIES).filter(([code]) => code !== "en");

  it("checks the other eleven languages against en, and en's own values are all non-empty", () => {
    expect(others).toHaveLength(11);
    for (const value of Object.values(en)) expect(value.trim()).not.toBe("");
  });

  it.each(others)("%s has exactly the keys of en, all non-empty", (_code, dict) => {
    expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
    for (const value of Object.values(dict)) expect(value.trim()).not.toBe("");
  });

  it.each(others)("%s keeps every placeholder of en", (_code, dict) => {
    for (const key of Object.keys(en) as (keyof Dictionary)[]) expect(placeholders(dict[key]), key).toEqual(placeholders(en[key]));
  });

  it("names the rating steps Terrible to Fantastic in English", () => {
    expect([en.rating1, en.rating2, en.rating3, en.rating4, en.rating5]).toEqual(["Terrible", "Bad", "Okay", "Good", "Fantastic"]);
  });

  it("uses the English names the help pages and browser tests rely on", () => {
    expect([en.tabChat, en.tabHelp, en.tabFeedback, en.tabVerify]).toEqual(["Chat", "Help", "Feedback", "Verify"]);
    expect([en.email, en.category, en.subject, en.description, en.attachments, en.submit]).toEqual(["Email", "Category", "Subject", "Description", "Attachments", "Submit"]);
    expect([en.feedbackTitle, en.feedbackComment, en.screenshots, en.sendFeedback]).toEqual(["How do you like our product?", "Comment", "Screenshots", "Send feedback"]);
    expect([en.verifyQuery, en.search, en.official, en.notOfficial]).toEqual(["Account ID or email", "Search", "Official", "Not official"]);
    expect([en.reply, en.sendReply]).toEqual(["Reply", "Send reply"]);
    expect(format(en.ticketCreated, { number: 1042 })).toBe("Ticket #1042 created");
    expect(format(en.queuedWait, { position: 2, language: languageName(en, "de"), wait: "about 3–5 min" })).toBe("You are number 2 in the German queue — about 3–5 min");
  });

  it("offers at least English and German, and writes Arabic right to left", () => {
    expect(Object.keys(DICTIONARIES)).toEqual(expect.arrayContaining(["en", "de"]));
    expect(Object.keys(DICTIONARIES).sort()).toEqual([...UI_LANGUAGES].sort());
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("ar-EG")).toBe("rtl");
    expect(directionOf("de")).toBe("ltr");
  });
});

describe("dictionaries on demand", () => {
  it("loads the first language, then another when asked, and shows the previous text until it arrives", async () => {
    const dictionaries = await loadDictionaries("de-AT");
    expect(dictionaries.first).toEqual(DICTIONARIES.de);
    const language = signal("de");
    const t = textFor(dictionaries, language);
    expect(t.value).toEqual(DICTIONARIES.de);
    language.value = "ar";
    expect(t.value).toEqual(DICTIONARIES.de);
    await expect.poll(() => t.value).toEqual(DICTIONARIES.ar);
    language.value = "xx";
    await expect.poll(() => t.value).toEqual(DICTIONARIES.en);
  });
});

describe("text helpers", () => {
  it("fills placeholders and leaves unknown ones", () => {
    expect(format(en.queued, { position: 2, language: languageName(en, "de") })).toBe("You are number 2 in the German queue");
    expect(format("{a} {b}", { a: 1 })).toBe("1 {b}");
  });

  it("names a language in the UI language", () => {
    expect(languageName(de, "de")).toBe("Deutsch");
    expect(languageName(en, "pt-BR")).toBe("Portuguese");
    expect(languageName(en, "xx")).toBe("xx");
  });

  it("has a text for every final error and a generic one for the rest", () => {
    for (const code of ["invalid_payload", "message_too_long", "empty_message", "unknown_language", "conversation_closed", "not_found"] as const) {
      expect(errorText(en, code)).not.toBe(en.error_generic);
    }
    expect(errorText(en, "internal")).toBe(en.error_generic);
  });
});

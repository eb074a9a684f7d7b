import { describe, expect, it } from "vitest";
import type { MessageView, SystemNotice } from "../../server/protocol/views.js";
import { dictionaryFor } from "../../widget/app/i18n/all.js";
import { systemText } from "../../widget/app/model/system-text.js";

const line = (notice: SystemNotice | undefined, text = "server text"): MessageView => ({
  id: "sys_x_00000000",
  conversationId: "c_1",
  seq: 3,
  author: "system",
  text,
  at: 0,
  ...(notice ? { notice } : {}),
});

describe("system lines in the visitor's language", () => {
  it.each([
    ["en", { kind: "joined", name: "Jonas" }, "An agent (Jonas) has joined"],
    ["de", { kind: "joined", name: "Jonas" }, "Ein Mitarbeiter (Jonas) ist dem Chat beigetreten"],
    ["de", { kind: "moved", language: "en" }, "In die Warteschlange für Englisch verschoben."],
    ["en", { kind: "ended", by: "agent" }, "The agent ended the chat."],
    ["en", { kind: "ended", by: "visitor" }, "You ended the chat."],
    ["de", { kind: "ended", by: "system" }, "Der Chat wurde beendet, während Sie weg waren."],
    ["de", { kind: "transferred" }, "Sie werden an einen anderen Mitarbeiter weitergeleitet."],
    ["ar", { kind: "transferred", language: "en" }, "يجري تحويلك إلى قائمة انتظار الإنجليزية."],
    ["ar", { kind: "requeued" }, "انقطع اتصال الموظف. لقد عدت إلى مقدمة قائمة الانتظار."],
  ] as Array<[string, SystemNotice, string]>)("%s: %j", (language, notice, expected) => {
    expect(systemText(dictionaryFor(language), line(notice))).toBe(expected);
  });

  it("falls back to the server's text for a line without a notice", () => {
    expect(systemText(dictionaryFor("de"), line(undefined, "Something new happened"))).toBe("Something new happened");
  });

  it("keeps a name with markup as text", () => {
    expect(systemText(dictionaryFor("en"), line({ kind: "joined", name: "<b>Eve</b>" }))).toBe("An agent (<b>Eve</b>) has joined");
  });
});

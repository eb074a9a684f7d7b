import { describe, expect, it } from "vitest";
import type { QueueInfoView, QueuesView } from "../../server/protocol/index.js";
import { adviseQueue, queueInfo } from "../../widget/app/model/queue-advice.js";
import { adviceLines } from "../../widget/app/components/QueueAlternatives.js";
import { DICTIONARIES } from "../../widget/app/i18n/all.js";

const info = (language: string, over: Partial<QueueInfoView> = {}): QueueInfoView => ({
  language, name: language, waiting: 0, agentsAvailable: 1, etaSeconds: 30, etaRange: [10, 50], etaReliable: true, peak: false, open: true, closing: false, full: false,
  fallback: language === "en" ? null : "en", helpLinks: [], ...over,
});
const queues = (...languages: QueueInfoView[]): QueuesView => ({ languages, generatedAt: 0 });
const LINKS = [{ title: "Help centre", url: "https://help.example/de" }];

describe("queue advice", () => {
  it.each([
    // [situation, expected state, fallback offered, message offered]
    ["open, not in peak", { open: true, peak: false, fallback: "en" }, "open", null, false],
    ["open in peak", { open: true, peak: true, fallback: "en" }, "peak", null, true],
    ["closed with an open fallback", { open: false, peak: false, fallback: "en" }, "closed", "en", true],
    ["closed in peak (closed wins)", { open: false, peak: true, fallback: "en" }, "closed", "en", true],
    ["closed without a fallback", { open: false, peak: false, fallback: null }, "closed", null, true],
    ["closed whose fallback is itself", { open: false, peak: false, fallback: "de" }, "closed", null, true],
  ] as const)("%s", (_title, situation, state, fallback, offerMessage) => {
    const advice = adviseQueue("de", situation, queues(info("en"), info("de", { ...situation })));
    expect(advice.state).toBe(state);
    expect(advice.fallback?.language ?? null).toBe(fallback);
    expect(advice.offerMessage).toBe(offerMessage);
  });

  it("says a line is closing, not that nobody is there, when the last shift may end before this turn", () => {
    const q = queues(info("en"), info("de", { open: false, closing: true }));
    const closing = adviseQueue("de", { open: false, closing: true, peak: false, fallback: "en" }, q);
    expect(closing).toMatchObject({ state: "closed", closing: true, fallback: { language: "en" }, offerMessage: true });
    const d = DICTIONARIES.en;
    // The admins' away text ("we are closed until 9:00") is for when nobody is there; here someone still is.
    expect(adviceLines(d, closing, "de", "Back at 9:00.")[0]).toBe("German support may close before your turn.");
    const closed = adviseQueue("de", { open: false, peak: false, fallback: "en" }, q);
    expect(closed.closing).toBe(false);
    expect(adviceLines(d, closed, "de")[0]).toBe("Nobody is available for German right now.");
    expect(adviceLines(d, closed, "de", "Back at 9:00.")[0]).toBe("Back at 9:00.");
    // Open and full lines are never "closing".
    expect(adviseQueue("de", { open: true, closing: true, peak: false, fallback: "en" }, q).closing).toBe(false);
    for (const dictionary of Object.values(DICTIONARIES)) expect(dictionary.closingNotice).toContain("{language}");
  });

  it("never offers a fallback queue that is closed too", () => {
    const both = queues(info("en", { open: false, etaSeconds: null, etaRange: null }), info("de", { open: false }));
    expect(adviseQueue("de", { open: false, peak: false, fallback: "en" }, both)).toMatchObject({ state: "closed", fallback: null, offerMessage: true });
  });

  it("offers the standing's fallback even before the queues are known, and carries its estimate once they are", () => {
    expect(adviseQueue("de", { open: false, peak: false, fallback: "en" }, null).fallback).toEqual({ language: "en", info: null });
    const known = adviseQueue("de", { open: false, peak: false, fallback: "en" }, queues(info("en", { etaSeconds: 200 })));
    expect(known.fallback?.info?.etaSeconds).toBe(200);
  });

  it("shows the language's help links in peak and when closed, not otherwise", () => {
    const q = queues(info("en"), info("de", { helpLinks: LINKS }));
    expect(adviseQueue("de", { open: true, peak: true, fallback: "en" }, q).helpLinks).toEqual(LINKS);
    expect(adviseQueue("de", { open: false, peak: false, fallback: "en" }, q).helpLinks).toEqual(LINKS);
    expect(adviseQueue("de", { open: true, peak: false, fallback: "en" }, q).helpLinks).toEqual([]);
  });

  it("finds a language's info", () => {
    expect(queueInfo(queues(info("en"), info("de")), "de")?.language).toBe("de");
    expect(queueInfo(queues(info("en")), "fr")).toBeNull();
    expect(queueInfo(null, "en")).toBeNull();
  });
  it("treats a full line like a closed one: no place, the fallback when it has room, and a message by email", () => {
    const queues: QueuesView = { generatedAt: 0, languages: [info("de", { full: true }), info("en")] };
    expect(adviseQueue("de", info("de", { full: true }), queues)).toMatchObject({ state: "full", offerMessage: true, fallback: { language: "en" } });
    const bothFull: QueuesView = { generatedAt: 0, languages: [info("de", { full: true }), info("en", { full: true })] };
    expect(adviseQueue("de", info("de", { full: true }), bothFull)).toMatchObject({ state: "full", fallback: null });
  });
});

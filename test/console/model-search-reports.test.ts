import { describe, expect, it } from "vitest";
import { formatSeconds, formatShare } from "../../console/model/reports.js";
import { searchPath } from "../../console/model/search.js";
import { heatLevel } from "../../console/model/coverage.js";
import { ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { selfServiceHarness } from "./selfservice-setup.js";

describe("search, reports and coverage models", () => {
  it("builds the search request from the form, leaving out what is empty", () => {
    expect(searchPath({ text: "  ", from: "", to: "" })).toBe("/api/search");
    expect(searchPath({ text: " refund & co ", from: "2026-05-01", to: "" })).toBe("/api/search?q=refund+%26+co&from=2026-05-01");
  });

  it("formats seconds and shares for the figures", () => {
    expect([formatSeconds(null), formatSeconds(42.4), formatSeconds(65), formatSeconds(3720)]).toEqual(["—", "42 s", "1 min 5 s", "1 h 2 min"]);
    expect([formatShare(null), formatShare(0.333)]).toEqual(["—", "33 %"]);
  });

  it("marks gaps and grades coverage by the busiest hour", () => {
    expect([heatLevel(0, 4), heatLevel(1, 4), heatLevel(2, 4), heatLevel(4, 4), heatLevel(1, 0)]).toEqual([0, 1, 2, 4, 4]);
  });

  it("opens a past conversation from the route and asks for reports in the viewer's time zone", async () => {
    const { model, http } = await selfServiceHarness({ role: "supervisor" });
    http.respond("GET", "/api/search", ok({ conversations: [], tickets: [], truncated: false }));
    http.respond("GET", "/api/search/conversations/c1", ok({ conversation: { id: "c1", visitorName: "Mia", visitorEmail: null, language: "en", status: "closed", createdAt: 1, closedAt: 2, match: "" }, messages: [] }));
    model.actions.navigate({ section: "search", conversationId: "c1" });
    await settle();
    expect(model.search.opened.value?.conversation.visitorName).toBe("Mia");
    model.actions.navigate({ section: "reports" });
    await settle();
    expect(http.paths("GET").some((p) => /^\/api\/reports\?period=today&timeZone=/.test(p))).toBe(true);
  });

  it("does not fetch reports or coverage for a plain agent", async () => {
    const { model, http } = await selfServiceHarness({ role: "agent" });
    model.actions.navigate({ section: "reports" });
    model.actions.navigate({ section: "coverage" });
    await settle();
    expect(http.paths("GET").filter((p) => p.startsWith("/api/reports") || p.startsWith("/api/admin/coverage"))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { AdminSettingsView } from "../../server/protocol/index.js";
import { languagesBody, languagesDraft, widgetBody, widgetDraft } from "../../console/model/settings-admin.js";
import { contrastWithWhite } from "../../console/model/contrast.js";
import { ok } from "./fake-http.js";
import { settle } from "./model-setup.js";
import { selfServiceHarness } from "./selfservice-setup.js";

const VIEW: AdminSettingsView = {
  available: [{ code: "en", name: "English" }, { code: "de", name: "Deutsch" }, { code: "fr", name: "Français" }],
  languages: ["en", "de"],
  fallbacks: { en: null, de: "en" },
  peakWindows: { timeZone: "UTC", shifts: ["Mon 12:00-13:00"] },
  texts: { de: { greeting: "Hallo" } },
  widget: { color: "#1f5fbf", position: "right", greeting: "" },
  embedOrigins: "*",
  ticketCategories: ["A"],
  snippet: "<script …>",
};

describe("settings pages model", () => {
  it("turns the languages form into the PUT body: default first, others in list order, empty fallback = null", () => {
    const draft = { ...languagesDraft(VIEW), enabled: ["de", "fr", "en"], defaultLanguage: "fr", fallbacks: { de: "", fr: "en", en: "" } };
    expect(languagesBody(draft, ["en", "de", "fr"])).toEqual({
      languages: ["fr", "en", "de"],
      fallbacks: { fr: "en", en: null, de: null },
      peakWindows: { timeZone: "UTC", shifts: ["Mon 12:00-13:00"] },
      texts: { fr: { greeting: "", away: "", queue: "" }, en: { greeting: "", away: "", queue: "" }, de: { greeting: "Hallo", away: "", queue: "" } },
    });
  });

  it("turns the widget form into the PUT body: any site is *, else one origin per line", () => {
    expect(widgetBody({ ...widgetDraft(VIEW), greeting: " Hi ", anyOrigin: false, origins: "https://a.example\n\n https://b.example " })).toEqual({ color: "#1f5fbf", position: "right", greeting: "Hi", embedOrigins: ["https://a.example", "https://b.example"] });
    expect(widgetBody(widgetDraft(VIEW)).embedOrigins).toBe("*");
  });

  it("loads the settings for an admin only and keeps the saved answer", async () => {
    const agent = await selfServiceHarness({ role: "supervisor" });
    agent.model.actions.navigate({ section: "widget" });
    await settle();
    expect(agent.http.requests("GET", "/api/admin/settings")).toEqual([]);
    const { model, http } = await selfServiceHarness({ role: "admin" });
    http.respond("GET", "/api/admin/settings", ok(VIEW));
    model.actions.navigate({ section: "widget" });
    await settle();
    http.respond("PUT", "/api/admin/settings/ticket-categories", ok({ ...VIEW, ticketCategories: ["X", "Y"] }));
    expect(await model.runtimeSettings.actions.saveCategories("X\n\nY\n")).toBe(true);
    expect(http.requests("PUT", "/api/admin/settings/ticket-categories")[0]?.json).toEqual({ categories: ["X", "Y"] });
    expect(model.runtimeSettings.settings.value?.ticketCategories).toEqual(["X", "Y"]);
  });

  it("measures white text against the chosen colour", () => {
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1);
    expect(contrastWithWhite("#000000")).toBeCloseTo(21);
    expect(contrastWithWhite("#1f5fbf")).toBeGreaterThan(4.5);
    expect(contrastWithWhite("#ffcc00")).toBeLessThan(4.5);
  });
});

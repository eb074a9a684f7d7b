import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { createRuntimeSettings, effectiveSettings } from "../../server/settings/runtime.js";
import { createMemoryStore } from "../../server/store/memory.js";

const base = () => {
  const c = loadConfig({ LANGUAGES: "en,de,fr", LANGUAGE_FALLBACKS: "fr=de", TICKET_CATEGORIES: "A,B", EMBED_ORIGINS: "https://a.example" });
  return { languages: c.languages, fallbacks: c.fallbacks, peakWindows: c.peakWindows, embedOrigins: c.embedOrigins, ticketCategories: c.ticketCategories };
};

describe("runtime settings over the environment", () => {
  it("keep the environment's values where nothing was stored", () => {
    expect(effectiveSettings(base(), {})).toEqual(base());
  });

  it("take stored languages, keep known fallbacks, default the rest to the first language and drop fallbacks to disabled ones", () => {
    const out = effectiveSettings(base(), { languages: ["de", "fr", "ja"], fallbacks: { ja: "en" } });
    expect(out.languages).toEqual(["de", "fr", "ja"]);
    // fr → de from the environment; ja → en is not enabled, so none; de is the default: none.
    expect(out.fallbacks).toEqual({ de: null, fr: "de", ja: null });
  });

  it("parse stored peak windows and take origins and categories", () => {
    const out = effectiveSettings(base(), { peakWindows: { timeZone: "Europe/Berlin", shifts: ["Mon-Fri 12:00-14:00"] }, embedOrigins: "*", ticketCategories: ["Billing"] });
    expect(out.peakWindows).toEqual({ timeZone: "Europe/Berlin", shifts: [{ days: ["Mon", "Tue", "Wed", "Thu", "Fri"], from: 720, to: 840 }] });
    expect(out.embedOrigins).toBe("*");
    expect(out.ticketCategories).toEqual(["Billing"]);
  });

  it("replace the config's fields in place when the store changed, and give per-language texts with the widget greeting as default", async () => {
    const config = loadConfig({ LANGUAGES: "en,de" });
    const store = createMemoryStore();
    const settings = createRuntimeSettings(config, store);
    await settings.sync();
    expect(config.languages).toEqual(["en", "de"]);
    await store.settings.update(() => ({ languages: ["de", "en"], texts: { de: { queue: "Bitte warten" } }, widget: { greeting: "Hi!", color: "#112233" } }));
    await settings.sync();
    expect(config.languages).toEqual(["de", "en"]);
    expect(settings.texts("de")).toEqual({ queue: "Bitte warten", greeting: "Hi!" });
    expect(settings.look()).toEqual({ color: "#112233", position: "right" });
  });
});

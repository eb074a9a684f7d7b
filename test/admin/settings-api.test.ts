import { describe, expect, it } from "vitest";
import { useTestServer } from "../helpers/server.js";
import { call, roleCookies, signedIn } from "./helpers.js";

const server = useTestServer({ env: { LANGUAGES: "en,de", EMBED_ORIGINS: "https://shop.example.com", TICKET_CATEGORIES: "Account,Other" } });
const LANGS = { languages: ["de", "en", "fr"], fallbacks: { de: "en", fr: "en", en: null }, peakWindows: { timeZone: "Europe/Berlin", shifts: ["mon-fri 12:00-14:00"] }, texts: { de: { greeting: "Hallo! Wie können wir helfen?", away: "Gerade ist niemand da.", queue: "" }, fr: {} } };
const WIDGET = { color: "#AA3300", position: "left", greeting: "Hi there!", embedOrigins: ["https://www.example.com", "https://shop.example.com/any/path"] };

describe("runtime settings", () => {
  it("are for admins only (agent and supervisor 403, anonymous 401)", async () => {
    const cookies = await roleCookies(server());
    for (const [method, path, body] of [["GET", "/api/admin/settings", undefined], ["PUT", "/api/admin/settings/languages", LANGS], ["PUT", "/api/admin/settings/widget", WIDGET], ["PUT", "/api/admin/settings/ticket-categories", { categories: ["X"] }]] as const) {
      expect((await call(server(), method, path, undefined, body)).status, path).toBe(401);
      expect((await call(server(), method, path, cookies.agent, body)).status, path).toBe(403);
      expect((await call(server(), method, path, cookies.supervisor, body)).status, path).toBe(403);
    }
    expect(await server().store.settings.get()).toEqual({});
  });

  it("start from the environment's values", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const { body } = await call(server(), "GET", "/api/admin/settings", cookie);
    expect(body).toMatchObject({ languages: ["en", "de"], fallbacks: { en: null, de: "en" }, embedOrigins: ["https://shop.example.com"], ticketCategories: ["Account", "Other"], widget: { color: "#1f5fbf", position: "right", greeting: "" } });
    expect(body.snippet).toBe(`<script src="${server().config.publicUrl}/widget.js" async></script>`);
  });

  it("enable a language with its fallback, peak windows and texts, which the widget and the queues see at once", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const saved = await call(server(), "PUT", "/api/admin/settings/languages", cookie, LANGS);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ languages: ["de", "en", "fr"], fallbacks: { de: "en", fr: "en", en: null }, peakWindows: { timeZone: "Europe/Berlin", shifts: ["Mon,Tue,Wed,Thu,Fri 12:00-14:00"] } });
    const widget = await (await fetch(`${server().url}/api/widget/config`)).json();
    expect(widget.languages.map((l: { code: string }) => l.code)).toEqual(["de", "en", "fr"]);
    expect(widget.defaultLanguage).toBe("de");
    const queues = await (await fetch(`${server().url}/api/queues`)).json();
    expect(queues.languages.map((l: { language: string }) => l.language)).toEqual(["de", "en", "fr"]);
    const texts = await (await fetch(`${server().url}/api/widget/settings?lang=de`)).json();
    expect(texts).toEqual({ language: "de", color: "#1f5fbf", position: "right", greeting: "Hallo! Wie können wir helfen?", away: "Gerade ist niemand da.", queue: null });
    // An unknown language gets the default language's texts.
    expect((await (await fetch(`${server().url}/api/widget/settings?lang=xx`)).json()).language).toBe("de");
  });

  it("set the widget's look and allowed origins: the chat page's CSP follows", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const saved = await call(server(), "PUT", "/api/admin/settings/widget", cookie, WIDGET);
    expect(saved.body).toMatchObject({ widget: { color: "#aa3300", position: "left", greeting: "Hi there!" }, embedOrigins: ["https://www.example.com", "https://shop.example.com"] });
    expect(saved.body.snippet).toBe(`<script src="${server().config.publicUrl}/widget.js" async></script>`);
    // The loader brings the new look to sites (no data- attributes needed), with a new ETag so caches revalidate.
    const loader = await (await fetch(`${server().url}/widget.js`)).text();
    expect(loader).toContain('"#aa3300 left /assets/panel-');
    const chat = await fetch(`${server().url}/chat`);
    expect(chat.headers.get("content-security-policy")).toContain("frame-ancestors https://www.example.com https://shop.example.com");
    expect((await (await fetch(`${server().url}/api/widget/settings?lang=en`)).json()).greeting).toBe("Hi there!");
    await call(server(), "PUT", "/api/admin/settings/widget", cookie, { ...WIDGET, embedOrigins: "*" });
    expect((await fetch(`${server().url}/chat`)).headers.get("content-security-policy")).toContain("frame-ancestors *");
  });

  it("manage ticket categories used by the ticket form", async () => {
    const { cookie } = await signedIn(server(), "admin");
    expect((await call(server(), "PUT", "/api/admin/settings/ticket-categories", cookie, { categories: ["Billing", "Shipping", "Billing"] })).body.ticketCategories).toEqual(["Billing", "Shipping"]);
    expect((await (await fetch(`${server().url}/api/selfservice/config`)).json()).categories).toEqual(["Billing", "Shipping"]);
  });

  it("refuse bad input with typed issues and change nothing", async () => {
    const { cookie } = await signedIn(server(), "admin");
    const cases: [string, unknown, string][] = [
      ["languages", { ...LANGS, languages: [] }, "languages"],
      ["languages", { ...LANGS, languages: ["en", "xx"] }, "languages"],
      ["languages", { ...LANGS, fallbacks: { de: "de" } }, "fallbacks.de"],
      ["languages", { ...LANGS, fallbacks: { de: "ja" } }, "fallbacks.de"],
      ["languages", { ...LANGS, peakWindows: { timeZone: "Mars/Base", shifts: [] } }, "peakWindows.timeZone"],
      ["languages", { ...LANGS, peakWindows: { timeZone: "UTC", shifts: ["sometimes"] } }, "peakWindows.shifts.0"],
      ["languages", { ...LANGS, texts: { de: { greeting: "x".repeat(501) } } }, "texts.de.greeting"],
      ["widget", { ...WIDGET, color: "red" }, "color"],
      ["widget", { ...WIDGET, position: "top" }, "position"],
      ["widget", { ...WIDGET, embedOrigins: ["javascript:alert(1)"] }, "embedOrigins.0"],
      ["widget", { ...WIDGET, greeting: "a\u0007b" }, "greeting"],
      ["ticket-categories", { categories: [] }, "categories"],
      ["ticket-categories", { categories: [" "] }, "categories.0"],
    ];
    for (const [part, body, path] of cases) {
      const res = await call(server(), "PUT", `/api/admin/settings/${part}`, cookie, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toBe("invalid_payload");
      expect(res.body.issues.map((i: { path: string }) => i.path), path).toContain(path);
    }
    expect(await server().store.settings.get()).toEqual({});
  });
});

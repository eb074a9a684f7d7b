// Runtime settings: the admins' API (`/api/admin/settings…`) and the widget's public read (`/api/widget/settings`).
import express, { type Router } from "express";
import type { Sessions } from "../auth/session.js";
import { ConfigError, LANGUAGE_NAMES, type Config } from "../config.js";
import { origin } from "../config-values.js";
import { formatShift, isTimeZone, parseShift } from "../domain/schedule.js";
import type { Issue } from "../protocol/ack.js";
import { languageSettingsSchema, ticketCategoriesSchema, widgetSettingsSchema, type AdminSettingsView } from "../protocol/admin.js";
import type { RuntimeSettings } from "../settings/runtime.js";
import type { Store, StoredSettings } from "../store/port.js";
import { requireAgent } from "./agent-auth.js";
import { sendError } from "./errors.js";
import { zodIssues } from "./validation.js";
import { widgetSettingsView } from "./widget-views.js";

export interface SettingsDeps {
  config: Config;
  store: Store;
  sessions: Sessions;
  settings: RuntimeSettings;
}

/**
 * The script tag for a site. It carries no look: /widget.js brings the admins' current colour and position, so a
 * change saved here reaches every site (data-color / data-position on a tag still override it for that site).
 */
export const embedSnippet = (publicUrl: string) => `<script src="${publicUrl}/widget.js" async></script>`;

/** Checks the language settings against what zod cannot know; returns issues and the normalised peak windows. */
function checkLanguages(body: { languages: string[]; fallbacks: Record<string, string | null>; peakWindows: { timeZone: string; shifts: string[] }; texts: Record<string, unknown> }) {
  const issues: Issue[] = [];
  for (const code of body.languages) if (!(code in LANGUAGE_NAMES)) issues.push({ path: "languages", message: `"${code}" is not a language Parley knows (${Object.keys(LANGUAGE_NAMES).join(", ")})` });
  if (new Set(body.languages).size !== body.languages.length) issues.push({ path: "languages", message: "lists a language twice" });
  for (const [from, to] of Object.entries(body.fallbacks)) {
    if (!body.languages.includes(from)) issues.push({ path: `fallbacks.${from}`, message: "is not an enabled language" });
    else if (to !== null && (to === from || !body.languages.includes(to))) issues.push({ path: `fallbacks.${from}`, message: "must be another enabled language, or null" });
  }
  for (const code of Object.keys(body.texts)) if (!(code in LANGUAGE_NAMES)) issues.push({ path: `texts.${code}`, message: "is not a language Parley knows" });
  if (!isTimeZone(body.peakWindows.timeZone)) issues.push({ path: "peakWindows.timeZone", message: "is not a time zone (use an IANA name such as Europe/Berlin)" });
  const shifts = body.peakWindows.shifts.map((text, i) => {
    const shift = parseShift(text);
    if (typeof shift === "string") issues.push({ path: `peakWindows.shifts.${i}`, message: shift });
    return typeof shift === "string" ? text : formatShift(shift);
  });
  return { issues, peakWindows: { timeZone: body.peakWindows.timeZone, shifts } };
}

export function settingsRouter(deps: SettingsDeps): Router {
  const { config, store, settings } = deps;
  const router = express.Router();

  const view = (): AdminSettingsView => {
    const stored = settings.stored();
    const look = settings.look();
    const formatted = (config.peakWindows.shifts ?? []).map(formatShift);
    return {
      available: Object.entries(LANGUAGE_NAMES).map(([code, name]) => ({ code, name })),
      languages: [...config.languages],
      fallbacks: { ...config.fallbacks },
      peakWindows: { timeZone: config.peakWindows.timeZone, shifts: stored.peakWindows?.shifts ?? formatted },
      texts: Object.fromEntries(config.languages.map((l) => [l, { ...stored.texts?.[l] }])),
      widget: { ...look, greeting: stored.widget?.greeting ?? "" },
      embedOrigins: config.embedOrigins === "*" ? "*" : [...config.embedOrigins],
      ticketCategories: [...config.ticketCategories],
      snippet: embedSnippet(config.publicUrl),
    };
  };
  const store_ = async (change: (s: StoredSettings) => StoredSettings) => {
    await store.settings.update(change);
    await settings.sync();
  };

  router.get("/api/widget/settings", async (req, res) => {
    const asked = typeof req.query.lang === "string" ? req.query.lang.toLowerCase() : "";
    res.set("Cache-Control", "public, max-age=30").json(widgetSettingsView(config, settings, asked));
  });

  router.use("/api/admin/settings", requireAgent(deps.sessions, ["admin"]));
  router.get("/api/admin/settings", (_req, res) => void res.json(view()));

  router.put("/api/admin/settings/languages", async (req, res) => {
    const parsed = languageSettingsSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The language settings were not saved: check the fields", zodIssues(parsed.error));
    const checked = checkLanguages(parsed.data);
    if (checked.issues.length > 0) return sendError(res, 400, "invalid_payload", "The language settings were not saved: check the fields", checked.issues);
    const { languages, fallbacks, texts } = parsed.data;
    // Empty texts are not stored: the widget's own text shows.
    const kept = Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, Object.fromEntries(Object.entries(t).filter(([, v]) => v !== ""))]));
    await store_((s) => ({ ...s, languages, fallbacks, peakWindows: checked.peakWindows, texts: kept }));
    res.json(view());
  });

  router.put("/api/admin/settings/widget", async (req, res) => {
    const parsed = widgetSettingsSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The widget settings were not saved: check the fields", zodIssues(parsed.error));
    const { color, position, greeting, embedOrigins } = parsed.data;
    let origins: string[] | "*" = "*";
    if (embedOrigins !== "*") {
      const issues: Issue[] = [];
      origins = embedOrigins.flatMap((raw, i) => {
        try {
          return [origin("embedOrigins", raw.trim(), "reduce")];
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          issues.push({ path: `embedOrigins.${i}`, message: `"${raw.slice(0, 200)}" is not an origin like https://www.example.com` });
          return [];
        }
      });
      if (issues.length > 0) return sendError(res, 400, "invalid_payload", "The widget settings were not saved: check the fields", issues);
    }
    await store_((s) => ({ ...s, widget: { color: color.toLowerCase(), position, ...(greeting !== "" && { greeting }) }, embedOrigins: origins }));
    res.json(view());
  });

  router.put("/api/admin/settings/ticket-categories", async (req, res) => {
    const parsed = ticketCategoriesSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, "invalid_payload", "The categories were not saved: check them", zodIssues(parsed.error));
    const categories = [...new Set(parsed.data.categories)];
    await store_((s) => ({ ...s, ticketCategories: categories }));
    res.json(view());
  });
  return router;
}

// How each configuration value is read from the environment (or CONFIG_FILE), with an error naming the variable.
import { resolve } from "node:path";
import { z } from "zod";
import { isTimeZone, parseShift, type Schedule } from "./domain/schedule.js";
import type { HelpLink } from "./protocol/views.js";

// Strict: a misspelt key ("helplinks", "titel") is an error, not a setting silently left out.
const configFileSchema = z.strictObject({
  helpLinks: z
    .record(z.string(), z.array(z.strictObject({ title: z.string().min(1).max(120), url: z.string().url().max(2048).refine((u) => /^https?:/i.test(u), "must be http(s)") })).max(20))
    .optional(),
});

/** A configuration error: the message names the variable and what is wrong. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type Env = Record<string, string | undefined>;

// Blank (or only spaces) is unset, as for every other variable. A number is written in decimal: JavaScript's
// Number() would also take "0x1e", "1e2" and "0b11", and read " " as 0.
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** `true` or `false` (any case); blank is unset. Anything else is refused, not read as false. */
export function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/**
 * The origin of an absolute http(s) URL. A path, query or credentials are refused (`keep: "origin only"`, for
 * variables: links are built from the origin alone, so a path would vanish without a word at start-up), or dropped
 * (`"reduce"`, for an admin pasting a page's address in the console, who is shown the origin that was kept).
 */
export function origin(name: string, raw: string, keep: "origin only" | "reduce" = "origin only"): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`${name} must use http or https, got "${raw}"`);
  // An origin only: links are built as origin + path, so a path given here would be dropped without a word.
  if (keep === "origin only" && (url.pathname !== "/" || url.search || url.hash || url.username || url.password)) {
    throw new ConfigError(`${name} must be an origin (scheme://host[:port]) without a path, query or credentials, got "${raw}"`);
  }
  return url.origin;
}

export function list(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new ConfigError(`${name} must list at least one item`);
  return [...new Set(items)];
}

export function fallbacksOf(env: Env, languages: string[]): Record<string, string | null> {
  const first = languages[0]!;
  const map: Record<string, string | null> = Object.fromEntries(languages.map((l) => [l, l === first ? null : first]));
  for (const pair of (env.LANGUAGE_FALLBACKS ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const parts = pair.split("=").map((s) => s.trim().toLowerCase());
    const [from, to] = parts;
    if (parts.length !== 2 || !to) throw new ConfigError(`LANGUAGE_FALLBACKS: "${pair}" must be like de=en or de=none`);
    if (!from || !languages.includes(from)) throw new ConfigError(`LANGUAGE_FALLBACKS: "${pair}" names a language that is not in LANGUAGES`);
    if (to === "none") map[from] = null;
    else if (!languages.includes(to) || to === from) throw new ConfigError(`LANGUAGE_FALLBACKS: "${pair}" must be like de=en with both in LANGUAGES`);
    else map[from] = to;
  }
  return map;
}

export function peakWindowsOf(env: Env): Schedule {
  const timeZone = env.PEAK_TIMEZONE?.trim() || "UTC";
  if (!isTimeZone(timeZone)) throw new ConfigError(`PEAK_TIMEZONE: unknown time zone "${timeZone}"`);
  const shifts = (env.PEAK_WINDOWS ?? "").split(";").map((s) => s.trim()).filter(Boolean).map((text) => {
    const shift = parseShift(text);
    if (typeof shift === "string") throw new ConfigError(`PEAK_WINDOWS: ${shift}`);
    return shift;
  });
  return { timeZone, shifts };
}

export function helpLinksOf(env: Env, languages: string[], read: (path: string) => string): Record<string, HelpLink[]> {
  const path = env.CONFIG_FILE?.trim();
  if (!path) return {};
  let json: unknown;
  try {
    json = JSON.parse(read(resolve(path)));
  } catch (err) {
    throw new ConfigError(`CONFIG_FILE ${path}: ${(err as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`CONFIG_FILE ${path}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const links = parsed.data.helpLinks ?? {};
  for (const language of Object.keys(links)) {
    if (!languages.includes(language)) throw new ConfigError(`CONFIG_FILE ${path}: helpLinks.${language}: not one of LANGUAGES`);
  }
  return links;
}

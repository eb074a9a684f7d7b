// Environment (and an optional JSON file for lists) → typed, validated Config, once. Nothing else reads process.env.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import type { RoutingPolicy } from "./domain/routing.js";
import { isTimeZone, parseShift, type Schedule } from "./domain/schedule.js";
import type { HelpLink } from "./protocol/views.js";

/** Display names of the languages Parley ships UI text and queues for, each in its own language. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  de: "Deutsch",
  es: "Español",
  fr: "Français",
  pt: "Português",
  ru: "Русский",
  tr: "Türkçe",
  zh: "中文",
  ja: "日本語",
  ko: "한국어",
  vi: "Tiếng Việt",
  ar: "العربية",
};

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Origin (scheme://host[:port]) the widget and console connect back to. */
  publicUrl: string;
  logLevel: LogLevel;
  /** Configured queue languages, the first is the default. */
  languages: string[];
  /** How long a disconnected agent keeps their chats before they go back to the queue. */
  agentGraceMs: number;
  /** Default maximum of simultaneous chats for a new agent. */
  defaultMaxChats: number;
  /** Message text limit in characters (code points). */
  maxMessageLength: number;
  /** Origins allowed to embed the widget (`*` = any site). */
  embedOrigins: string[] | "*";
  /** Agent session lifetime. */
  sessionTtlMs: number;
  /** Set cookies with `Secure` (default: when PUBLIC_URL is https). */
  secureCookies: boolean;
  /** The queue offered when a language is closed (null: none, e.g. for the fallback language itself). */
  fallbacks: Record<string, string | null>;
  /** A language is in peak when its estimate exceeds this… */
  peakThresholdS: number;
  /** …or within these weekly windows (empty: none). */
  peakWindows: Schedule;
  /** Handle time assumed for a language until enough chats were measured. */
  defaultHandleS: number;
  /** How far ahead estimates look for agents and shifts; nobody within it means "closed". */
  etaHorizonMs: number;
  /** Help links per language (from CONFIG_FILE), shown in peak and when closed. */
  helpLinks: Record<string, HelpLink[]>;
  /** SMTP server for outgoing email; null writes .eml files under DATA_DIR/outbox instead. */
  smtpUrl: string | null;
  /** The From address of outgoing email. */
  mailFrom: string;
  /** Ticket categories offered on the form. */
  ticketCategories: string[];
  attachmentMaxFiles: number;
  attachmentMaxBytes: number;
  /** Channels an official account can be registered on (ids, lower-case). */
  officialChannels: string[];
  /** least-loaded (default) or scarcity (rare languages first; shorter waits, less exact estimates). */
  routingPolicy: RoutingPolicy;
}

/** Channels Parley knows by default, with their display names. */
export const DEFAULT_CHANNELS: Record<string, string> = {
  email: "Email",
  telegram: "Telegram",
  x: "X",
  discord: "Discord",
  instagram: "Instagram",
  facebook: "Facebook",
  youtube: "YouTube",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  reddit: "Reddit",
  whatsapp: "WhatsApp",
};

const configFileSchema = z.object({
  helpLinks: z
    .record(z.string(), z.array(z.object({ title: z.string().min(1).max(120), url: z.string().url().max(2048).refine((u) => /^https?:/i.test(u), "must be http(s)") })).max(20))
    .optional(),
});

/** A configuration error: the message names the variable and what is wrong. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function origin(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`${name} must use http or https, got "${raw}"`);
  return url.origin;
}

/** Parses a comma-separated list of language codes against the languages Parley knows. */
export function parseLanguages(raw: string, name = "LANGUAGES"): string[] {
  const codes = raw.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (codes.length === 0) throw new ConfigError(`${name} must list at least one language`);
  for (const code of codes) {
    if (!(code in LANGUAGE_NAMES)) {
      throw new ConfigError(`${name}: unknown language "${code}" (known: ${Object.keys(LANGUAGE_NAMES).join(", ")})`);
    }
  }
  return [...new Set(codes)];
}

function list(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new ConfigError(`${name} must list at least one item`);
  return [...new Set(items)];
}

function fallbacksOf(env: Env, languages: string[]): Record<string, string | null> {
  const first = languages[0]!;
  const map: Record<string, string | null> = Object.fromEntries(languages.map((l) => [l, l === first ? null : first]));
  for (const pair of (env.LANGUAGE_FALLBACKS ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [from, to] = pair.split("=").map((s) => s.trim().toLowerCase());
    if (!from || !languages.includes(from)) throw new ConfigError(`LANGUAGE_FALLBACKS: "${pair}" names a language that is not in LANGUAGES`);
    if (to === "none" || to === "") map[from] = null;
    else if (!to || !languages.includes(to) || to === from) throw new ConfigError(`LANGUAGE_FALLBACKS: "${pair}" must be like de=en with both in LANGUAGES`);
    else map[from] = to;
  }
  return map;
}

function peakWindowsOf(env: Env): Schedule {
  const timeZone = env.PEAK_TIMEZONE?.trim() || "UTC";
  if (!isTimeZone(timeZone)) throw new ConfigError(`PEAK_TIMEZONE: unknown time zone "${timeZone}"`);
  const shifts = (env.PEAK_WINDOWS ?? "").split(";").map((s) => s.trim()).filter(Boolean).map((text) => {
    const shift = parseShift(text);
    if (typeof shift === "string") throw new ConfigError(`PEAK_WINDOWS: ${shift}`);
    return shift;
  });
  return { timeZone, shifts };
}

function helpLinksOf(env: Env, languages: string[], read: (path: string) => string): Record<string, HelpLink[]> {
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

/** Reads the configuration; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env, read: (path: string) => string = (p) => readFileSync(p, "utf8")): Config {
  const port = integer(env, "PORT", 3000, 0, 65535);
  const host = env.HOST?.trim() || "0.0.0.0";
  const publicUrl = origin("PUBLIC_URL", env.PUBLIC_URL?.trim() || `http://localhost:${port}`);
  const logLevel = (env.LOG_LEVEL?.trim() || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  const rawOrigins = env.EMBED_ORIGINS?.trim() || "*";
  const embedOrigins = rawOrigins === "*" ? "*" : rawOrigins.split(",").map((o) => origin("EMBED_ORIGINS", o.trim()));
  const languages = parseLanguages(env.LANGUAGES ?? Object.keys(LANGUAGE_NAMES).join(","));
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/i.test(smtpUrl)) throw new ConfigError(`SMTP_URL must look like smtp://user:pass@host:587 or smtps://…, got "${smtpUrl}"`);
  const mailFrom = env.MAIL_FROM?.trim() || `Parley Support <support@${new URL(publicUrl).hostname}>`;
  if (/[\r\n]/.test(mailFrom)) throw new ConfigError("MAIL_FROM must be one line");
  const extraChannels = list(env, "OFFICIAL_CHANNELS_EXTRA", []).map((c) => c.toLowerCase());
  const routingPolicy = (env.ROUTING_POLICY?.trim() || "least-loaded") as RoutingPolicy;
  if (routingPolicy !== "least-loaded" && routingPolicy !== "scarcity") throw new ConfigError(`ROUTING_POLICY must be least-loaded or scarcity, got "${routingPolicy}"`);
  for (const c of extraChannels) if (!/^[a-z0-9][a-z0-9 ._-]{0,30}$/.test(c)) throw new ConfigError(`OFFICIAL_CHANNELS_EXTRA: "${c}" is not a channel name`);
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR?.trim() || "./data"),
    publicUrl,
    logLevel,
    languages,
    agentGraceMs: Math.round(number(env, "AGENT_GRACE_SECONDS", 30, 0, 86_400) * 1000),
    defaultMaxChats: integer(env, "DEFAULT_MAX_CHATS", 3, 1, 50),
    maxMessageLength: integer(env, "MAX_MESSAGE_LENGTH", 4000, 1, 20_000),
    embedOrigins,
    sessionTtlMs: Math.round(number(env, "SESSION_TTL_HOURS", 12, 0.01, 24 * 90) * 3_600_000),
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === "true" : publicUrl.startsWith("https:"),
    fallbacks: fallbacksOf(env, languages),
    peakThresholdS: integer(env, "PEAK_THRESHOLD_SECONDS", 120, 1, 86_400),
    peakWindows: peakWindowsOf(env),
    defaultHandleS: integer(env, "DEFAULT_HANDLE_SECONDS", 300, 10, 86_400),
    etaHorizonMs: integer(env, "ETA_HORIZON_MINUTES", 240, 5, 7 * 24 * 60) * 60_000,
    helpLinks: helpLinksOf(env, languages, read),
    smtpUrl,
    mailFrom,
    ticketCategories: list(env, "TICKET_CATEGORIES", ["Account", "Deposit", "Withdrawal", "Trading", "Verification", "Other"]),
    attachmentMaxFiles: integer(env, "ATTACHMENT_MAX_FILES", 5, 0, 20),
    attachmentMaxBytes: Math.round(number(env, "ATTACHMENT_MAX_MB", 10, 0.01, 100) * 1024 * 1024),
    officialChannels: [...new Set([...Object.keys(DEFAULT_CHANNELS), ...extraChannels])],
    routingPolicy,
  };
}

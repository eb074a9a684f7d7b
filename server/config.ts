// Environment → typed, validated Config, once. Nothing else reads process.env.
import { resolve } from "node:path";

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
}

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

/** Reads the configuration; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, "PORT", 3000, 0, 65535);
  const host = env.HOST?.trim() || "0.0.0.0";
  const publicUrl = origin("PUBLIC_URL", env.PUBLIC_URL?.trim() || `http://localhost:${port}`);
  const logLevel = (env.LOG_LEVEL?.trim() || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  const rawOrigins = env.EMBED_ORIGINS?.trim() || "*";
  const embedOrigins = rawOrigins === "*" ? "*" : rawOrigins.split(",").map((o) => origin("EMBED_ORIGINS", o.trim()));
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR?.trim() || "./data"),
    publicUrl,
    logLevel,
    languages: parseLanguages(env.LANGUAGES ?? Object.keys(LANGUAGE_NAMES).join(",")),
    agentGraceMs: Math.round(number(env, "AGENT_GRACE_SECONDS", 30, 0, 86_400) * 1000),
    defaultMaxChats: integer(env, "DEFAULT_MAX_CHATS", 3, 1, 50),
    maxMessageLength: integer(env, "MAX_MESSAGE_LENGTH", 4000, 1, 20_000),
    embedOrigins,
    sessionTtlMs: Math.round(number(env, "SESSION_TTL_HOURS", 12, 0.01, 24 * 90) * 3_600_000),
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === "true" : publicUrl.startsWith("https:"),
  };
}

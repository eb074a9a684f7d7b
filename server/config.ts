// Environment (and an optional JSON file for lists) → typed, validated Config, once. Nothing else reads process.env.
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { clusterOf, type ClusterTimings } from "./config-cluster.js";
import { networkOf, type NetworkConfig } from "./config-network.js";
import { ConfigError, fallbacksOf, flag, helpLinksOf, integer, list, number, origin, peakWindowsOf, type Env } from "./config-values.js";
import type { RoutingPolicy } from "./domain/routing.js";
import type { Schedule } from "./domain/schedule.js";
import type { HelpLink } from "./protocol/views.js";

export { ConfigError };

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
  /**
   * Where uploaded files are kept (UPLOAD_DIR; default DATA_DIR/uploads). With several nodes: a volume every node mounts,
   * which then also holds the ticket link key, so a link or file made on one node works on every node.
   */
  uploadDir: string;
  /** UPLOAD_DIR was given: other nodes may write to it too. */
  uploadDirShared: boolean;
  /** Where the ticket link key file is: UPLOAD_DIR when set (shared by the nodes), else DATA_DIR. */
  ticketKeyDir: string;
  /** Redis for several nodes (REDIS_URL, redis:// or rediss://); null: one node on the embedded store. */
  redisUrl: string | null;
  /** With REDIS_URL: the desk lease, node heartbeat and forwarded-call lifetimes (read and checked even without it). */
  cluster: ClusterTimings;
  /** Origin (scheme://host[:port]) the widget and console connect back to. */
  publicUrl: string;
  logLevel: LogLevel;
  /** Configured queue languages, the first is the default. */
  languages: string[];
  /** How long a disconnected agent keeps their chats before they go back to the queue. */
  agentGraceMs: number;
  /** A waiting customer with no open connection for this long has left: the chat ends as abandoned. */
  queueAbandonMs: number;
  /** The longest line per language; past it, newcomers are offered a message by email instead of a place. */
  queueMaxPerLanguage: number;
  /** Open /visitor sockets allowed per visitor… */
  visitorMaxSockets: number;
  /** …and per client address. */
  addressMaxSockets: number;
  /** New conversations one visitor may start per hour (after a burst of a few). */
  visitorConversationsPerHour: number;
  /** Where agent messages for customers with no socket open are POSTed (the site's push service); null: off. */
  pushWebhookUrl: string | null;
  /** Signs push hook bodies (X-Parley-Signature). */
  pushWebhookSecret: string | null;
  /** How long after an agent's answer to a customer with no socket open it is emailed (batched); 0: never. */
  offlineReplyEmailMs: number;
  /** How long the link in such an email opens the conversation. */
  chatLinkTtlMs: number;
  /** The secret a site signs its customers' ids with (`Parley.identify`); null: identity verification off. */
  identitySecret: string | null;
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
  /** Files and bytes one ticket may hold across all its messages (customer uploads). */
  ticketMaxFiles: number;
  ticketMaxBytes: number;
  /** Bytes of files one client address may upload per hour (tickets, replies, feedback). */
  uploadBytesPerAddressPerHour: number;
  /** New tickets per recipient email address per hour (the confirmation goes to an unverified address). */
  ticketsPerEmailPerHour: number;
  /** Channels an official account can be registered on (ids, lower-case). */
  officialChannels: string[];
  /** least-loaded (default) or scarcity (rare languages first; shorter waits, less exact estimates). */
  routingPolicy: RoutingPolicy;
  /** Serve the browser bundles' source maps (off: they would publish the whole client source). */
  serveSourceMaps: boolean;
  /** Trusted proxies, connection cap, server timeouts, shutdown grace, metrics token. */
  network: NetworkConfig;
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

/** IDENTITY_SECRET: unset or empty for none; otherwise at least 32 characters, so it cannot be guessed. */
function identitySecretOf(env: Record<string, string | undefined>): string | null {
  const secret = env.IDENTITY_SECRET?.trim();
  if (!secret) return null;
  if (secret.length < 32) throw new ConfigError("IDENTITY_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)");
  return secret;
}

/** PUSH_WEBHOOK_URL: an http(s) URL, or unset. */
function pushUrlOf(env: Record<string, string | undefined>): string | null {
  const raw = env.PUSH_WEBHOOK_URL?.trim();
  if (!raw) return null;
  if (!/^https?:\/\//i.test(raw) || !URL.canParse(raw)) throw new ConfigError(`PUSH_WEBHOOK_URL must be an http(s) URL, got "${raw}"`);
  return raw;
}

/** Reads the configuration; throws {@link ConfigError} naming the first bad variable. */
export function loadConfig(env: Env = process.env, read: (path: string) => string = (p) => readFileSync(p, "utf8")): Config {
  const port = integer(env, "PORT", 3000, 0, 65535);
  const host = env.HOST?.trim() || "0.0.0.0";
  if (!isIP(host) && !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(host)) {
    throw new ConfigError(`HOST must be an IP address or a host name, got "${host}"`);
  }
  const publicUrl = origin("PUBLIC_URL", env.PUBLIC_URL?.trim() || `http://localhost:${port}`);
  const logLevel = (env.LOG_LEVEL?.trim() || "info") as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${logLevel}"`);
  const rawOrigins = env.EMBED_ORIGINS?.trim() || "*";
  const embedOrigins = rawOrigins === "*" ? "*" : rawOrigins.split(",").map((o) => origin("EMBED_ORIGINS", o.trim()));
  // Blank is unset, as for every variable ("," alone is still an error: a list was meant and none given).
  const languages = parseLanguages(env.LANGUAGES?.trim() || Object.keys(LANGUAGE_NAMES).join(","));
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^\s]+$/i.test(smtpUrl)) throw new ConfigError(`SMTP_URL must look like smtp://user:pass@host:587 or smtps://…, got "${smtpUrl}"`);
  const mailFrom = env.MAIL_FROM?.trim() || `Parley Support <support@${new URL(publicUrl).hostname}>`;
  if (/[\r\n]/.test(mailFrom)) throw new ConfigError("MAIL_FROM must be one line");
  const extraChannels = list(env, "OFFICIAL_CHANNELS_EXTRA", []).map((c) => c.toLowerCase());
  const routingPolicy = (env.ROUTING_POLICY?.trim() || "least-loaded") as RoutingPolicy;
  if (routingPolicy !== "least-loaded" && routingPolicy !== "scarcity") throw new ConfigError(`ROUTING_POLICY must be least-loaded or scarcity, got "${routingPolicy}"`);
  const redisUrl = env.REDIS_URL?.trim() || null;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/i.test(redisUrl)) throw new ConfigError("REDIS_URL must look like redis://[:password@]host:6379[/db] or rediss://… (TLS)");
  const dataDir = resolve(env.DATA_DIR?.trim() || "./data");
  const sharedUploads = env.UPLOAD_DIR?.trim() ? resolve(env.UPLOAD_DIR.trim()) : null;
  for (const c of extraChannels) if (!/^[a-z0-9][a-z0-9 ._-]{0,30}$/.test(c)) throw new ConfigError(`OFFICIAL_CHANNELS_EXTRA: "${c}" is not a channel name`);
  return {
    port,
    host,
    dataDir,
    uploadDir: sharedUploads ?? join(dataDir, "uploads"),
    uploadDirShared: sharedUploads !== null,
    ticketKeyDir: sharedUploads ?? dataDir,
    redisUrl,
    cluster: clusterOf(env),
    publicUrl,
    logLevel,
    languages,
    agentGraceMs: Math.round(number(env, "AGENT_GRACE_SECONDS", 30, 0, 86_400) * 1000),
    queueAbandonMs: Math.round(number(env, "QUEUE_ABANDON_SECONDS", 120, 0.1, 86_400) * 1000),
    queueMaxPerLanguage: integer(env, "QUEUE_MAX_PER_LANGUAGE", 500, 1, 1_000_000),
    visitorMaxSockets: integer(env, "VISITOR_MAX_SOCKETS", 10, 1, 1000),
    addressMaxSockets: integer(env, "ADDRESS_MAX_SOCKETS", 200, 1, 1_000_000),
    visitorConversationsPerHour: integer(env, "VISITOR_CONVERSATIONS_PER_HOUR", 20, 1, 10_000),
    identitySecret: identitySecretOf(env),
    pushWebhookUrl: pushUrlOf(env),
    pushWebhookSecret: env.PUSH_WEBHOOK_SECRET?.trim() || null,
    offlineReplyEmailMs: Math.round(number(env, "OFFLINE_REPLY_EMAIL_SECONDS", 60, 0, 86_400) * 1000),
    chatLinkTtlMs: Math.round(number(env, "CHAT_LINK_HOURS", 168, 0.01, 24 * 90) * 3_600_000),
    defaultMaxChats: integer(env, "DEFAULT_MAX_CHATS", 3, 1, 50),
    maxMessageLength: integer(env, "MAX_MESSAGE_LENGTH", 4000, 1, 20_000),
    embedOrigins,
    sessionTtlMs: Math.round(number(env, "SESSION_TTL_HOURS", 12, 0.01, 24 * 90) * 3_600_000),
    secureCookies: flag(env, "SECURE_COOKIES", publicUrl.startsWith("https:")),
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
    ticketMaxFiles: integer(env, "TICKET_MAX_FILES", 50, 0, 10_000),
    ticketMaxBytes: Math.round(number(env, "TICKET_MAX_MB", 100, 0.01, 100_000) * 1024 * 1024),
    uploadBytesPerAddressPerHour: Math.round(number(env, "UPLOAD_MB_PER_ADDRESS_PER_HOUR", 200, 0.01, 1_000_000) * 1024 * 1024),
    ticketsPerEmailPerHour: integer(env, "TICKETS_PER_EMAIL_PER_HOUR", 5, 1, 10_000),
    officialChannels: [...new Set([...Object.keys(DEFAULT_CHANNELS), ...extraChannels])],
    routingPolicy,
    serveSourceMaps: flag(env, "SERVE_SOURCE_MAPS", false),
    network: networkOf(env),
  };
}

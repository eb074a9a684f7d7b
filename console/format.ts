// Pure display helpers (no DOM), shared by components and tested in node.
import type { LanguageCode, MessageView, TicketSource, TicketStatus, Timestamp } from "../server/protocol/index.js";

let languageNames: Intl.DisplayNames | null | undefined;

/** The English name of a language code ("de" → "German"); the code itself when unknown. */
export function languageName(code: LanguageCode): string {
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
    } catch {
      languageNames = null;
    }
  }
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The URL, normalised, when it is an http(s) URL that may be linked to; otherwise `null`. */
export function linkableUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

/**
 * A one-line preview of a message: whitespace collapsed, cut at `max` characters (code points) with "…".
 * The agent's own messages start with "You:", another agent's with their name.
 */
export function previewText(message: MessageView | null, selfName: string | null, max = 80): string {
  if (!message) return "No messages yet";
  const flat = message.text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  const text = chars.length > max ? `${chars.slice(0, max - 1).join("").trimEnd()}…` : flat;
  if (message.author !== "agent") return text;
  const other = message.authorName !== undefined && selfName !== null && message.authorName !== selfName;
  return `${other ? message.authorName : "You"}: ${text}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** The wall-clock time of a timestamp ("14:05"). */
export function formatTime(at: Timestamp): string {
  return timeFormat.format(at);
}

/** The document title: unread messages first, so a background tab shows them. */
export function documentTitle(unread: number, base = "Parley console"): string {
  return unread > 0 ? `(${unread}) ${base}` : base;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A date and time ("12 May 2025, 14:05"), for things older than today. */
export function formatDateTime(at: Timestamp): string {
  return dateTimeFormat.format(at);
}

/** A date ("12 May 2025"). */
export function formatDate(at: Timestamp): string {
  return dateFormat.format(at);
}

/** A same-origin path the console may link to or load (an attachment's `url`); `null` for anything else. */
export function sameOriginPath(url: string): string | null {
  return /^\/(?![\/\\])/.test(url) && !/[\s\u0000-\u001f]/.test(url) ? url : null;
}

/** A ticket status for people. */
export const TICKET_STATUS_TEXT: Record<TicketStatus, string> = { open: "Open", pending: "Pending", solved: "Solved" };

/** Where a ticket came from, for people. */
export const TICKET_SOURCE_TEXT: Record<TicketSource, string> = {
  form: "Support form",
  widget: "Widget help form",
  chat: "Chat",
  offline: "Offline form (no agents were available)",
};

/** A name, subject or file name as shown, bidi controls made visible (the widget's helper; shown inside <bdi>). */
export { shown } from "../widget/client/bidi.js";

/** How long the customer has waited for an answer: "waiting 3 min" (under a minute: "waiting <1 min"); null when not waiting. */
export function waitingText(since: Timestamp | null | undefined, now: Timestamp): string | null {
  if (since === null || since === undefined) return null;
  const minutes = Math.floor(Math.max(0, now - since) / 60_000);
  if (minutes < 1) return "waiting <1 min";
  if (minutes < 60) return `waiting ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `waiting ${hours} h ${minutes % 60} min`;
}

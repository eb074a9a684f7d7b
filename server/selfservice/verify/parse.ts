// Reads what a person pasted as an account: an email address, a profile URL, a phone number or a bare handle.
// Pure.
import { bareHost, channelOfHost, profilePath } from "./hosts.js";
import { cleanQuery } from "./text.js";

/** An account reference, made comparable. */
export interface AccountRef {
  /** Known from the URL or the address; null for a bare handle (it may be on any channel). */
  channel: string | null;
  /** "r"/"u" on Reddit, "in"/"company" on LinkedIn, "invite", "phone", "channel", "url"; null for a plain handle. */
  kind: string | null;
  /** The identifier as written (without @, URL parts or invisible characters). */
  id: string;
  /** Letter case matters for this identifier (invite codes): compared exactly. */
  caseSensitive: boolean;
  /** What the person typed, cleaned, for quoting back. */
  display: string;
}

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const PHONE = /^\+?[\d\s().-]{6,}$/;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/|www\.)|^[^\s/@]+\.[a-z]{2,}\//i;

function fromUrl(text: string, display: string): AccountRef | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/\//, "")}`);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const segments = url.pathname.split("/").filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const channel = channelOfHost(url.hostname);
  if (channel === null) {
    const path = segments.join("/");
    return { channel: null, kind: "url", id: `${bareHost(url.hostname)}${path ? `/${path}` : ""}`, caseSensitive: false, display };
  }
  const profile = profilePath(channel, segments, url.searchParams);
  return profile ? { channel, ...profile, display } : null;
}

/** The account `raw` names, or null when nothing is left of it. */
export function parseAccount(raw: string): AccountRef | null {
  const display = cleanQuery(raw);
  const text = display.replace(/^mailto:/i, "");
  if (text === "") return null;
  if (EMAIL.test(text)) return { channel: "email", kind: null, id: text, caseSensitive: false, display };
  if (URL_LIKE.test(text) || channelOfHost(text.split("/")[0] ?? "") !== null) return fromUrl(text, display);
  if (PHONE.test(text) && /\d{6}/.test(text.replace(/\D/g, ""))) return { channel: null, kind: "phone", id: text.replace(/\D/g, ""), caseSensitive: false, display };
  const id = text.replace(/^@+/, "").trim();
  return id === "" ? null : { channel: null, kind: null, id, caseSensitive: false, display };
}

/** The same account, exactly: channels agree (or one is open), kinds agree (or one is plain), ids are equal. */
export function sameAccount(a: AccountRef, b: AccountRef): boolean {
  if (a.channel !== null && b.channel !== null && a.channel !== b.channel) return false;
  if (a.kind !== null && b.kind !== null && a.kind !== b.kind) return false;
  return sameId(a, b);
}

/** Ids equal, by letter case only where it matters. */
export const sameId = (a: AccountRef, b: AccountRef): boolean =>
  a.caseSensitive || b.caseSensitive ? a.id === b.id : a.id.toLowerCase() === b.id.toLowerCase();

/** The registry key of an account on `channel`: unique per account. */
export const accountKey = (channel: string, ref: AccountRef): string =>
  `${channel}:${ref.kind && ref.kind !== "url" ? `${ref.kind}/` : ""}${ref.caseSensitive ? ref.id : ref.id.toLowerCase()}`;

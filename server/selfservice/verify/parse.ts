// Reads what a person pasted as an account: an email address, a profile URL, a phone number or a bare handle.
// Pure.
import { bareHost, channelOfHost, profilePath } from "./hosts.js";
import { cleanQuery, isPlain } from "./text.js";

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
  /** The name a person sees, where the id has more in it (a Facebook /pages/ link: the page's name). */
  name?: string;
  /** Typed in plain characters: false for styled (full-width, math-bold) or invisible ones, never the account itself. */
  plain: boolean;
}

const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const PHONE = /^\+?[\d\s().-]{6,}$/;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/\/|www\.)|^[^\s/@]+\.[a-z]{2,}\//i;

function fromUrl(text: string, display: string, plain: boolean): AccountRef | null {
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
    // On a host Parley does not know, the query and fragment may name the account (matrix.to/#/@name:server).
    const path = segments.join("/");
    const rest = `${url.search}${url.hash === "#" ? "" : url.hash}`;
    return { channel: null, kind: "url", id: `${bareHost(url.hostname)}${path ? `/${path}` : ""}${rest}`, caseSensitive: false, display, plain };
  }
  const profile = profilePath(channel, segments, url.searchParams);
  return profile ? { channel, ...profile, display, plain } : null;
}

/** The account `raw` names, or null when nothing is left of it. */
export function parseAccount(raw: string): AccountRef | null {
  const display = cleanQuery(raw);
  const plain = isPlain(raw);
  const text = display.replace(/^mailto:/i, "");
  if (text === "") return null;
  if (EMAIL.test(text)) return { channel: "email", kind: null, id: text, caseSensitive: false, display, plain };
  if (URL_LIKE.test(text) || channelOfHost(text.split("/")[0] ?? "") !== null) return fromUrl(text, display, plain);
  if (PHONE.test(text) && /\d{6}/.test(text.replace(/\D/g, ""))) return { channel: null, kind: "phone", id: text.replace(/\D/g, ""), caseSensitive: false, display, plain };
  const id = text.replace(/^@+/, "").trim();
  return id === "" ? null : { channel: null, kind: null, id, caseSensitive: false, display, plain };
}

/**
 * `query` names the registered account `official`, exactly: channels agree (or the query's is open), kinds agree
 * (a bare handle may name an account of any kind; a page of another kind is another account), ids are equal.
 * Spelling (styled or invisible characters) is judged separately.
 */
export function sameAccount(query: AccountRef, official: AccountRef): boolean {
  if (query.channel !== null && official.channel !== null && query.channel !== official.channel) return false;
  if (query.kind !== null && query.kind !== official.kind) return false;
  return sameId(query, official);
}

/** Ids equal, by letter case only where it matters. */
export const sameId = (a: AccountRef, b: AccountRef): boolean =>
  a.caseSensitive || b.caseSensitive ? a.id === b.id : a.id.toLowerCase() === b.id.toLowerCase();

/** The registry key of an account on `channel`: unique per account. */
export const accountKey = (channel: string, ref: AccountRef): string =>
  `${channel}:${ref.kind && ref.kind !== "url" ? `${ref.kind}/` : ""}${ref.caseSensitive ? ref.id : ref.id.toLowerCase()}`;

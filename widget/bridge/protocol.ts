// The postMessage protocol between the loader (host page) and the chat iframe. Every message is a small
// object `{ parley: 1, type, ...fields }`; each side accepts an allow-listed set of types, only from the
// expected window and origin, and posts only with an exact target origin (never "*").

/** The marker that tells Parley messages apart from other postMessage traffic on the page. */
export const BRIDGE_VERSION = 1;

/** Chat iframe → loader. */
export type ChatToHost =
  /** The app is mounted and listening: the loader answers with `sync`. */
  | { parley: 1; type: "ready" }
  /** Whether the visitor has a chat going, and agent messages not seen while the panel was hidden. */
  | { parley: 1; type: "state"; conv: boolean; unread: number }
  /** The visitor minimised the chat from inside. */
  | { parley: 1; type: "close" };

/** The loader's whole state, posted to the iframe after `ready` and after every change. */
export interface HostState {
  /** Whether the panel is open (visible). */
  open: boolean;
  /** The host page: origin + path, no query or fragment. */
  page: string;
  /** `data-language` / `Parley.setLanguage`, or the page's `<html lang>`; "" if none. */
  lang: string;
  /** `Parley.identify` prefill. */
  name?: string;
  email?: string;
  /** `Parley.identify` verified-identity claim: the site's customer id and its HMAC (checked by the server). */
  id?: string;
  hash?: string;
}

/** Loader → chat iframe. */
export type HostToChat = { parley: 1; type: "sync" } & HostState;

/** Types the loader accepts from the iframe. */
export const CHAT_TO_HOST: readonly ChatToHost["type"][] = ["ready", "state", "close"];
/** Types the iframe accepts from the loader. */
export const HOST_TO_CHAT: readonly HostToChat["type"][] = ["sync"];

/** The parts of a MessageEvent the guard looks at. */
export interface IncomingMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

/**
 * Returns the message if it came from `source` at exactly `origin` and is a Parley message of an allowed
 * type; otherwise `null`. Field values are still untrusted: receivers check them before use.
 */
export function acceptMessage<M extends { type: string }>(
  event: IncomingMessage,
  origin: string,
  source: unknown,
  types: readonly M["type"][],
): M | null {
  if (!source || event.source !== source || event.origin !== origin) return null;
  const data = event.data as { parley?: unknown; type?: unknown } | null;
  if (!data || typeof data != "object" || data.parley !== BRIDGE_VERSION) return null;
  return (types as readonly unknown[]).includes(data.type) ? (data as M) : null;
}

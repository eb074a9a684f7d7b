// The chat iframe's side of the postMessage bridge: posts `ready`/`state`/`close` to the embedding page at
// its exact origin, accepts only `sync` from `window.parent` at that origin, and checks every field.
import { acceptMessage, HOST_TO_CHAT, type ChatToHost, type HostState, type HostToChat } from "../../bridge/protocol.js";

type Outgoing = ChatToHost extends infer T ? (T extends unknown ? Omit<T, "parley"> : never) : never;

/** The loader, as seen from the chat app. */
export interface HostBridge {
  post(message: Outgoing): void;
  /** Called with every (checked) state the loader sends. */
  onSync(handler: (state: HostState) => void): void;
}

const text = (value: unknown, max: number): string => (typeof value === "string" ? value.trim().slice(0, max) : "");

const isHttpUrl = (value: string): boolean => {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** Keeps only well-formed fields of a `sync` message; anything else becomes empty. */
export function sanitizeHostState(m: Partial<Record<keyof HostState, unknown>>): HostState {
  const page = text(m.page, 2048);
  return {
    open: m.open === true,
    page: isHttpUrl(page) ? page : "",
    lang: /^[a-z]{2,3}([-_][a-z\d]{1,8})*$/i.test(text(m.lang, 35)) ? text(m.lang, 35) : "",
    name: text(m.name, 80),
    email: text(m.email, 254),
    // The identity claim is only passed on; the server checks the signature.
    ...(text(m.id, 200) && /^[0-9a-f]{64}$/i.test(text(m.hash, 128)) ? { id: text(m.id, 200), hash: text(m.hash, 128) } : {}),
  };
}

/** Connects to the embedding page, or returns null when there is none we can trust. */
export function connectHost(win: Window, hostOrigin: string | null): HostBridge | null {
  if (!hostOrigin || win.parent === win) return null;
  // Where the browser tells us who embeds us, it must be the origin we were given.
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== hostOrigin) return null;
  const handlers: ((state: HostState) => void)[] = [];
  win.addEventListener("message", (event) => {
    const m = acceptMessage<HostToChat>(event, hostOrigin, win.parent, HOST_TO_CHAT);
    if (!m) return;
    const state = sanitizeHostState(m);
    for (const handler of handlers) handler(state);
  });
  return {
    post: (message) => win.parent.postMessage({ parley: 1, ...message }, hostOrigin),
    onSync: (handler) => void handlers.push(handler),
  };
}

// The chat panel on the host page: the iframe, the postMessage bridge to it, and the unread count (badge, tab
// title). A module of its own (an ES module with a hashed name, whose URL the server writes into /widget.js) that
// the loader imports when the visitor shows intent, or at once when a chat is going: every page that only shows
// the bubble loads less.
import { acceptMessage, CHAT_TO_HOST, type ChatToHost, type HostState } from "../bridge/protocol.js";
import type { ApiEvent } from "./api.js";
import type { LoaderConfig } from "./config.js";
import { writeFlag, type HostFlag } from "./flag.js";
import { createFrame, make } from "./ui.js";

/** What the loader lends the panel: its settings and state (read live), its DOM, and its event emitter. */
export interface PanelHost {
  cfg: LoaderConfig;
  state: HostState;
  root: ShadowRoot;
  button: HTMLButtonElement;
  flag: HostFlag;
  emit(event: ApiEvent, value?: number): void;
  /** The visitor minimised the chat from inside it. */
  close(): void;
}

/** What the loader calls once the panel is there. */
export interface Panel {
  /** Follows `state.open` (shows or hides the frame, remembers it); moves the focus into the frame when opened with `focus`. */
  show(focus: boolean): void;
  /** Posts the loader's state to the chat (once it listens). */
  sync(): void;
}

/** Creates the frame and the bridge. */
export function attach(host: PanelHost): Panel {
  const { cfg, state, button } = host;
  const frame = createFrame(host.root, cfg.side, `${cfg.origin}/chat?host=${encodeURIComponent(location.origin)}&lang=${encodeURIComponent(state.lang)}&color=${cfg.color.slice(1)}`);
  const badge = make("span", "position:absolute;top:-4px;right:-4px;padding:0 6px;border-radius:9px;background:#c00;color:#fff;font:700 12px/20px sans-serif", button);
  let flag = host.flag;
  let ready = false;
  let unread = 0;
  const sync = () => ready && frame.contentWindow!.postMessage({ parley: 1, type: "sync", ...state }, cfg.origin);
  const remember = (conv: boolean) => writeFlag((flag = { conv, open: state.open }));
  // The button's name stays exactly "Open chat"; the count is its description, and the tab title's prefix
  // (agent messages not seen: the panel closed or the tab hidden).
  const setUnread = (n: number) => {
    if (n != unread) document.title = (n ? "(" + n + ") " : "") + document.title.replace(/^\(\d+\) /, "");
    badge.textContent = "" + (unread = n);
    badge.style.display = n && !state.open ? "" : "none";
    button.setAttribute("aria-description", n ? n + " unread" : "");
  };
  setUnread(0);
  addEventListener("message", (event) => {
    const m = acceptMessage<ChatToHost>(event, cfg.origin, frame.contentWindow, CHAT_TO_HOST);
    if (m?.type == "ready") {
      ready = true;
      sync();
    } else if (m?.type == "state") {
      remember(m.conv === true);
      const n = m.unread > 0 ? m.unread | 0 : 0;
      if (n > unread) host.emit("unread", n);
      setUnread(n);
    } else if (m) {
      host.close();
    }
  });
  return {
    sync,
    show(focus) {
      frame.style.display = state.open ? "" : "none";
      if (state.open) setUnread(0);
      sync();
      remember(flag.conv);
      if (focus && state.open) frame.focus();
    },
  };
}

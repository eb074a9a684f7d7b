// widget.js: the loader a site's one script tag fetches. Plain DOM, no framework, no network of its own:
// it draws the bubble and, when the visitor opens it (or already has a chat going), the chat iframe from
// the Parley origin. It talks to that iframe with postMessage only (exact origins, checked sources).
import { acceptMessage, CHAT_TO_HOST, type ChatToHost, type HostState } from "./bridge/protocol.js";
import { createApi } from "./loader/api.js";
import { findScript, readConfig } from "./loader/config.js";
import { readFlag, writeFlag } from "./loader/flag.js";
import { createDom, createFrame } from "./loader/ui.js";

function boot(script: HTMLScriptElement): void {
  const cfg = readConfig(script, document.documentElement.lang);
  const win = window as { Parley?: unknown };
  const state: HostState = { open: false, page: location.origin + location.pathname, lang: cfg.language };
  const [host, root, button, icon, badge] = createDom(cfg);
  let flag = readFlag();
  let frame: HTMLIFrameElement | undefined;
  let ready = false;
  let unread = 0;

  const sync = () => ready && frame!.contentWindow!.postMessage({ parley: 1, type: "sync", ...state }, cfg.origin);
  const ensureFrame = () =>
    (frame ??= createFrame(root, cfg.side, `${cfg.origin}/chat?host=${encodeURIComponent(location.origin)}&lang=${encodeURIComponent(state.lang)}&color=${cfg.color.slice(1)}`));
  const remember = (conv: boolean) => writeFlag((flag = { conv, open: state.open }));
  // The button's name stays exactly "Open chat"; the count is its description, and the tab title's prefix
  // (agent messages not seen: the panel closed or the tab hidden).
  const setUnread = (n: number) => {
    if (n != unread) document.title = (n ? "(" + n + ") " : "") + document.title.replace(/^\(\d+\) /, "");
    badge.textContent = "" + (unread = n);
    badge.style.display = n && !state.open ? "" : "none";
    button.setAttribute("aria-description", n ? n + " unread" : "");
  };
  const show = (open: boolean) => {
    button.setAttribute("aria-label", (open ? "Close" : "Open") + " chat");
    button.setAttribute("aria-expanded", "" + open);
    icon.setAttribute("d", open ? "M6 6l12 12M18 6 6 18" : "M4 5h16v11H9l-5 4z");
    if (frame) frame.style.display = open ? "" : "none";
  };
  const setOpen = (open: boolean, focus = true) => {
    if (open) ensureFrame();
    if (open == state.open) return;
    show((state.open = open));
    if (open) setUnread(0);
    sync();
    remember(flag.conv);
    emit(open ? "open" : "close");
    if (focus) open ? frame!.focus() : document.activeElement == host && button.focus();
  };
  show(false);
  setUnread(0);
  button.onclick = () => setOpen(!state.open);

  const { api, emit } = createApi(
    {
      open: () => setOpen(true),
      close: () => setOpen(false),
      toggle: () => setOpen(!state.open),
      setLanguage(code) {
        state.lang = "" + code;
        sync();
      },
      identify(who) {
        state.name = who?.name;
        state.email = who?.email;
        state.id = who?.id;
        state.hash = who?.hash;
        sync();
      },
    },
    win.Parley,
  );
  win.Parley = api;

  addEventListener("message", (event) => {
    const m = acceptMessage<ChatToHost>(event, cfg.origin, frame?.contentWindow, CHAT_TO_HOST);
    if (m?.type == "ready") {
      ready = true;
      sync();
    } else if (m?.type == "state") {
      remember(m.conv === true);
      const n = m.unread > 0 ? m.unread | 0 : 0;
      if (n > unread) emit("unread", n);
      setUnread(n);
    } else if (m) {
      setOpen(false);
    }
  });

  // At the end of <body>, so that the bubble is the page's last tab stop.
  const mount = () => {
    document.body.append(host);
    if (cfg.openOnLoad || flag.open) setOpen(true, false);
    else if (flag.conv) ensureFrame();
    emit("ready");
  };
  if (document.body) mount();
  else addEventListener("DOMContentLoaded", mount);
}

const script = (window as { Parley?: { v?: unknown } }).Parley?.v ? undefined : findScript(document);
if (script) boot(script);

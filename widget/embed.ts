// widget.js: the loader a site's one script tag fetches. Plain DOM, no framework, no network of its own until the
// visitor shows intent: it draws the bubble and keeps the site's API; opening the chat (or a chat already going)
// imports the panel module (loader/panel.ts: the chat iframe from the Parley origin, the bridge, the unread count).
import type { HostState } from "./bridge/protocol.js";
import { createApi } from "./loader/api.js";
import { findScript, readConfig } from "./loader/config.js";
import { readFlag } from "./loader/flag.js";
import type { Panel, PanelHost } from "./loader/panel.js";
import { createDom } from "./loader/ui.js";

function boot(script: HTMLScriptElement): void {
  const cfg = readConfig(script, document.documentElement.lang);
  const win = window as { Parley?: unknown };
  const state: HostState = { open: false, page: location.origin + location.pathname, lang: cfg.language };
  const [host, root, button, icon] = createDom(cfg);
  const flag = readFlag();
  let panel: Promise<Panel> | undefined;
  const withPanel = (then: (p: Panel) => void) =>
    void (panel ??= import(cfg.origin + cfg.panel).then((m: { attach(host: PanelHost): Panel }) => m.attach({ cfg, state, root, button, flag, emit, close: () => setOpen(false) }))).then(then);
  const sync = () => void panel?.then((p) => p.sync());
  const show = (open: boolean) => {
    button.setAttribute("aria-label", (open ? "Close" : "Open") + " chat");
    button.setAttribute("aria-expanded", "" + open);
    icon.setAttribute("d", open ? "M6 6l12 12M18 6 6 18" : "M4 5h16v11H9l-5 4z");
  };
  const setOpen = (open: boolean, focus = true) => {
    const changed = open != state.open;
    if (changed) {
      show((state.open = open));
      emit(open ? "open" : "close");
      if (focus && !open && document.activeElement == host) button.focus();
    }
    // Opening loads the panel; closing only needs one that is there (or on its way).
    if (open || (changed && panel)) withPanel((p) => p.show(changed && focus));
  };
  show(false);
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

  // At the end of <body>, so that the bubble is the page's last tab stop.
  const mount = () => {
    document.body.append(host);
    if (cfg.openOnLoad || flag.open) setOpen(true, false);
    else if (flag.conv) withPanel(() => {});
    emit("ready");
  };
  if (document.body) mount();
  else addEventListener("DOMContentLoaded", mount);
}

const script = (window as { Parley?: { v?: unknown } }).Parley?.v ? undefined : findScript(document);
if (script) boot(script);

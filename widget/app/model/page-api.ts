// `window.Parley` inside the app page (/chat/app): what a native app's WebView calls through its JavaScript bridge
// (iOS `evaluateJavaScript`, Android `evaluateJavascript`), the same names and queue as on a website:
//   window.Parley = window.Parley || { q: [] };  Parley.q.push(["identify", { name: "Ada", email: "ada@example.com" }]);
// Calls queued before the page ran (e.g. from a script the app injects at document start) are replayed in order.
import { effect } from "@preact/signals";
import { createApi, type ParleyApi } from "../../loader/api.js";
import type { Model } from "./model.js";

const text = (value: unknown, max: number) => (typeof value === "string" ? value.trim().slice(0, max) : undefined);

/** Installs `window.Parley` over the model. `open`/`close`/`toggle` do nothing: the page is the chat. */
export function installPageApi(win: { Parley?: unknown }, model: Model): ParleyApi {
  const none = () => {};
  const { api, emit } = createApi(
    {
      open: none,
      close: none,
      toggle: none,
      setLanguage: (code) => typeof code === "string" && model.actions.setLanguageHint(code.slice(0, 35)),
      // Every field is checked: the bridge passes whatever the app put there.
      identify: (who) => {
        const w = (who ?? {}) as Record<string, unknown>;
        model.actions.identify({ name: text(w.name, 80), email: text(w.email, 254), id: text(w.id, 200), hash: text(w.hash, 128) });
      },
    },
    win.Parley,
  );
  win.Parley = api;
  effect(() => emit("unread", model.unread.value));
  emit("ready");
  return api;
}

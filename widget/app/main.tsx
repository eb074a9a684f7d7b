// The chat page's entry (the iframe at /chat, and the app page at /chat/app): wires the headless client (on this
// origin's localStorage), the widget configuration, the loader bridge or the page's own `window.Parley`, the
// site's colour and the visitor's language into the model, and mounts the app.
import "./chat.css";
import { effect, signal } from "@preact/signals";
import { render } from "preact";
import { createChatClient } from "../client/client.js";
import { createLocalStorage } from "../client/local-storage.js";
import { createMemoryStorage, STORAGE_KEYS, withMemoryCopy } from "../client/storage.js";
import { createSelfServiceApi } from "../selfservice/api.js";
import { createSelfService, SelfServiceContext } from "../selfservice/context.js";
import { App } from "./App.js";
import { UI_LANGUAGES } from "./i18n/index.js";
import { loadDictionaries } from "./i18n/load.js";
import { chime } from "./model/chime.js";
import { fetchWidgetConfig } from "./model/config.js";
import { ModelContext } from "./model/context.js";
import { fetchWidgetSettings } from "./model/admin-texts.js";
import { readBootData } from "./model/boot.js";
import { connectHost } from "./model/host-bridge.js";
import { pickLanguage } from "./model/language.js";
import { createModel } from "./model/model.js";
import { installPageApi } from "./model/page-api.js";
import { parseParams } from "./model/params.js";
import { fetchQueues } from "./model/queues.js";
import { applyTheme, themeFor } from "./model/theme.js";

const params = parseParams(location.search);
const baseUrl = location.origin;
// An emailed chat answer's link (`/chat/c/<token>`): the same full-page chat, on that one conversation.
const linkToken = /^\/chat\/c\/([A-Za-z0-9_.-]{1,400})$/.exec(location.pathname)?.[1] ?? null;
const appPage = location.pathname === "/chat/app" || linkToken !== null;
const browserLanguages = navigator.languages?.length ? navigator.languages : [navigator.language];
const storage = linkToken ? createMemoryStorage() : withMemoryCopy(createLocalStorage(Object.values(STORAGE_KEYS)));
// The link's credentials are kept in memory only: they never replace the ones this browser may already have.
if (linkToken) storage.set(STORAGE_KEYS.visitor, JSON.stringify(await (await import("./model/chat-link.js")).redeemChatLink(baseUrl, linkToken, fetch.bind(globalThis))));
const root = document.documentElement;
applyTheme(root, params.color);
if (appPage) root.classList.add("app-page");
// The likely language's text (the page preloads it) before the first render; others load when chosen.
const dictionaries = await loadDictionaries(pickLanguage([params.lang, ...browserLanguages], UI_LANGUAGES, "en"));
const client = createChatClient({ baseUrl, storage });
// The configuration and the hinted language's admin texts came with the page; anything else is fetched.
const boot = readBootData(document);
// The page's queues stand in for the first fetch while they are as fresh as the server's own cache of them (5 s).
const freshBootQueues = () => (performance.now() < 5_000 ? boot.queues : null);
const tabHidden = signal(document.hidden);
addEventListener("visibilitychange", () => (tabHidden.value = document.hidden));
const model = createModel({
  client,
  loadConfig: (onRetry) => (boot.config ? Promise.resolve(boot.config) : fetchWidgetConfig(baseUrl, fetch.bind(globalThis), onRetry)),
  host: appPage ? null : connectHost(window, params.host),
  langHint: params.lang,
  browserLanguages,
  loadQueues: () => (freshBootQueues() ? Promise.resolve(freshBootQueues()) : fetchQueues(baseUrl, fetch.bind(globalThis))),
  dictionaries,
  settings: storage,
  tabHidden,
  chime,
  loadTexts: (language) => (boot.settings?.language === language ? Promise.resolve(boot.settings) : fetchWidgetSettings(baseUrl, fetch.bind(globalThis), language)),
});
const selfService = createSelfService(createSelfServiceApi(baseUrl, fetch.bind(globalThis)), model.language, model.t);

effect(() => {
  root.lang = model.language.value;
  root.dir = model.dir.value;
  document.title = model.t.value.title;
  // The admins' colour, with the same readable contrast, unless the site's snippet chose one (`data-color` wins).
  const color = model.texts.value?.color;
  if (color && !themeFor(params.color)) applyTheme(root, color.replace(/^#/, ""));
});
client.start({ lazy: true });
render(
  <ModelContext.Provider value={model}>
    <SelfServiceContext.Provider value={selfService}>
      <App />
    </SelfServiceContext.Provider>
  </ModelContext.Provider>,
  document.getElementById("app")!,
);
if (appPage) installPageApi(window as { Parley?: unknown }, model);

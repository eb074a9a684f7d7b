// The standalone self-service pages (/support/new, /support/t/<token>, /feedback, /verify): one bundle that
// routes on the path, in the browser's language among the configured ones, with the chat panel's components.
import "./pages.css";
import { computed, effect, signal } from "@preact/signals";
import { render } from "preact";
import { directionOf, UI_LANGUAGES } from "../app/i18n/index.js";
import { loadDictionaries, textFor } from "../app/i18n/load.js";
import { fetchWidgetConfig } from "../app/model/config.js";
import { pickLanguage } from "../app/model/language.js";
import { createSelfServiceApi } from "./api.js";
import { createSelfService, SelfServiceContext } from "./context.js";
import { Page, TITLE_KEYS } from "./pages/Page.js";
import { routeOf } from "./route.js";

const baseUrl = location.origin;
const route = routeOf(location.pathname);
const browserLanguages = navigator.languages?.length ? navigator.languages : [navigator.language];
// What the server chose for <html lang>; until the configured languages are known, the browser's language when
// there is a dictionary for it.
const served = document.documentElement.lang || "en";
const guess = pickLanguage(browserLanguages, UI_LANGUAGES, served);
const dictionaries = await loadDictionaries(guess);
const configured = signal<{ codes: string[]; fallback: string } | null>(null);
const language = computed(() => {
  const c = configured.value;
  return c ? pickLanguage(browserLanguages, c.codes, c.fallback) : guess;
});
const selfService = createSelfService(createSelfServiceApi(baseUrl, fetch.bind(globalThis)), language, textFor(dictionaries, language));

void fetchWidgetConfig(baseUrl, fetch.bind(globalThis), () => {}).then((c) => {
  configured.value = { codes: c.languages.map((l) => l.code), fallback: c.languages.some((l) => l.code === served) ? served : c.defaultLanguage };
});
effect(() => {
  const root = document.documentElement;
  root.lang = language.value;
  root.dir = directionOf(language.value);
  document.title = selfService.t.value[TITLE_KEYS[route.page]];
});

render(
  <SelfServiceContext.Provider value={selfService}>
    <Page route={route} />
  </SelfServiceContext.Provider>,
  document.getElementById("app")!,
);

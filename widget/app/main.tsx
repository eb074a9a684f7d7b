// The chat iframe's entry: wires the headless client (on this origin's localStorage), the widget
// configuration and the loader bridge into the model, and mounts the app.
import "./chat.css";
import "../selfservice/components/forms.css";
import { effect } from "@preact/signals";
import { render } from "preact";
import { createChatClient } from "../client/client.js";
import { createLocalStorage } from "../client/local-storage.js";
import { STORAGE_KEYS, withMemoryCopy } from "../client/storage.js";
import { createSelfServiceApi } from "../selfservice/api.js";
import { createSelfService, SelfServiceContext } from "../selfservice/context.js";
import { App } from "./App.js";
import { fetchWidgetConfig } from "./model/config.js";
import { ModelContext } from "./model/context.js";
import { connectHost } from "./model/host-bridge.js";
import { createModel } from "./model/model.js";
import { parseParams } from "./model/params.js";
import { fetchQueues } from "./model/queues.js";

const params = parseParams(location.search);
const baseUrl = location.origin;
const client = createChatClient({ baseUrl, storage: withMemoryCopy(createLocalStorage(Object.values(STORAGE_KEYS))) });
const model = createModel({
  client,
  loadConfig: (onRetry) => fetchWidgetConfig(baseUrl, fetch.bind(globalThis), onRetry),
  host: connectHost(window, params.host),
  langHint: params.lang,
  browserLanguages: navigator.languages?.length ? navigator.languages : [navigator.language],
  loadQueues: () => fetchQueues(baseUrl, fetch.bind(globalThis)),
});
const selfService = createSelfService(createSelfServiceApi(baseUrl, fetch.bind(globalThis)), model.language);

effect(() => {
  const root = document.documentElement;
  root.lang = model.language.value;
  root.dir = model.dir.value;
  document.title = model.t.value.title;
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

// Entry point of /console: builds the model on the browser adapters and mounts the app into #app.
import { render } from "preact";
import { createLocalStorage } from "../widget/client/local-storage.js";
import { createBrowserAlerts } from "./alerts.js";
import { createAuthApi } from "./api.js";
import { App } from "./components/App.js";
import { ConsoleContext } from "./components/use-console.js";
import { createSocketTransport } from "./connection.js";
import "./console.css";
import "./console-ux.css";
import "./selfservice.css";
import { createHttpPort } from "./http.js";
import { newMessageId } from "./message-id.js";
import { SOUND_SETTING } from "./model/alerts.js";
import { createConsoleModel } from "./model/index.js";
import { bindPage } from "./page.js";

const root = document.getElementById("app");
if (!root) throw new Error('The console page needs an element with id "app"');

const model = createConsoleModel({
  auth: createAuthApi(),
  transport: createSocketTransport(),
  http: createHttpPort(),
  newId: newMessageId,
  alerts: createBrowserAlerts(),
  // The console's one localStorage port: the mute switch is its only key.
  settings: createLocalStorage([SOUND_SETTING]),
});
bindPage(model);
render(
  <ConsoleContext.Provider value={model}>
    <App />
  </ConsoleContext.Provider>,
  root,
);
void model.actions.start();

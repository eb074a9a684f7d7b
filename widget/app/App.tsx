import { ChatView } from "./components/ChatView.js";
import { ConnectionBanner } from "./components/ConnectionBanner.js";
import { Header } from "./components/Header.js";
import { lazy } from "./components/Lazy.js";
import { loadLater as later } from "./components/load-later.js";
import { Nav } from "./components/Nav.js";
import { Panel } from "./components/Panel.js";
import { PreChat } from "./components/PreChat.js";
import { useModel } from "./model/context.js";

// Not needed to chat: fetched (one module, with its stylesheet) when a tab past Chat is first opened, or the chat ends.
const HelpPanel = lazy(() => later().then((m) => m.HelpPanel));
const FeedbackForm = lazy(() => later().then((m) => m.FeedbackForm));
const VerifyForm = lazy(() => later().then((m) => m.VerifyForm));
const EndedView = lazy(() => later().then((m) => m.EndedView));

/** The chat app: header, the parts (Chat, Help, Feedback, Verify), connection state, and the part on show. */
export function App() {
  const { view, t, configTrouble, embedded, actions } = useModel();
  return (
    <div
      class="app"
      onKeyDown={(e) => {
        if (e.key === "Escape" && embedded) actions.minimize();
      }}
    >
      <Header />
      <Nav />
      <ConnectionBanner />
      <main class="main">
        <Panel name="chat">
          {view.value === "loading" && (
            <p class="loading" role="status">
              {configTrouble.value ? t.value.unavailable : t.value.loading}
            </p>
          )}
          {view.value === "prechat" && <PreChat />}
          {view.value === "chat" && <ChatView />}
          {view.value === "ended" && <EndedView />}
        </Panel>
        <Panel name="help">
          <HelpPanel />
        </Panel>
        <Panel name="feedback">
          <div class="panel__body">
            <FeedbackForm />
          </div>
        </Panel>
        <Panel name="verify">
          <div class="panel__body">
            <VerifyForm />
          </div>
        </Panel>
      </main>
    </div>
  );
}

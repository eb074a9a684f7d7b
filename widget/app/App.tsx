import { FeedbackForm } from "../selfservice/components/FeedbackForm.js";
import { VerifyForm } from "../selfservice/components/VerifyForm.js";
import { ChatView } from "./components/ChatView.js";
import { ConnectionBanner } from "./components/ConnectionBanner.js";
import { EndedView } from "./components/EndedView.js";
import { Header } from "./components/Header.js";
import { HelpPanel } from "./components/HelpPanel.js";
import { Nav } from "./components/Nav.js";
import { Panel } from "./components/Panel.js";
import { PreChat } from "./components/PreChat.js";
import { useModel } from "./model/context.js";

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

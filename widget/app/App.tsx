import { useModel } from "./model/context.js";
import { ChatView } from "./components/ChatView.js";
import { ConnectionBanner } from "./components/ConnectionBanner.js";
import { EndedView } from "./components/EndedView.js";
import { Header } from "./components/Header.js";
import { PreChat } from "./components/PreChat.js";

/** The chat app: header, connection state, and the screen for where the visitor is. */
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
      <ConnectionBanner />
      <main class="main">
        {view.value === "loading" && (
          <p class="loading" role="status">
            {configTrouble.value ? t.value.unavailable : t.value.loading}
          </p>
        )}
        {view.value === "prechat" && <PreChat />}
        {view.value === "chat" && <ChatView />}
        {view.value === "ended" && <EndedView />}
      </main>
    </div>
  );
}

// A signed-in agent's screen: the header, notices, the conversation list and the open conversation.
import { ConversationList } from "./ConversationList.js";
import { ConversationPane } from "./ConversationPane.js";
import { Header } from "./Header.js";
import { Notices } from "./Notices.js";

/** The signed-in layout. */
export function Workspace() {
  return (
    <div class="workspace">
      <Header />
      <Notices />
      <div class="panes">
        <ConversationList />
        <main class="pane">
          <ConversationPane />
        </main>
      </div>
    </div>
  );
}

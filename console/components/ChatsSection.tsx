// The chat workspace: the conversation list and the open conversation.
import { ConversationList } from "./ConversationList.js";
import { ConversationPane } from "./ConversationPane.js";

/** The "Chats" section. */
export function ChatsSection() {
  return (
    <div class="panes">
      <ConversationList />
      <main class="pane">
        <ConversationPane />
      </main>
    </div>
  );
}

// The agent's conversations, as a navigation list.
import { ConversationListItem } from "./ConversationListItem.js";
import { useConsole } from "./use-console.js";

/** The "Conversations" navigation. */
export function ConversationList() {
  const { conversations, openId, agent, actions } = useConsole();
  const entries = conversations.value;
  return (
    <nav class="sidebar" aria-label="Conversations">
      <h2 class="sidebar-title">
        Conversations <span class="count">{entries.length}</span>
      </h2>
      {entries.length === 0 ? (
        <p class="muted empty-list">No chats right now. New chats appear here.</p>
      ) : (
        <ul class="conversation-list">
          {entries.map((entry) => (
            <ConversationListItem
              key={entry.view.id}
              entry={entry}
              selected={entry.view.id === openId.value}
              selfName={agent.value?.name ?? null}
              onOpen={actions.openConversation}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}

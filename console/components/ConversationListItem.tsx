// One conversation in the list: visitor, language, the customer's latest message, how long they have waited, unread count.
import type { ConversationId } from "../../server/protocol/index.js";
import { shown, languageName, previewText, waitingText } from "../format.js";
import { previewMessage } from "../model/chat-entry.js";
import type { ChatEntry } from "../model/index.js";
import { UnreadBadge } from "./UnreadBadge.js";
import { useNow } from "./use-now.js";

/** Props of {@link ConversationListItem}. */
export interface ConversationListItemProps {
  entry: ChatEntry;
  selected: boolean;
  /** The signed-in agent's name, to tell their own messages from a colleague's. */
  selfName: string | null;
  onOpen(id: ConversationId): void;
}

/** A list item that opens its conversation. */
export function ConversationListItem({ entry, selected, selfName, onOpen }: ConversationListItemProps) {
  const { view, isNew, visitorTyping } = entry;
  const closed = view.status === "closed";
  const now = useNow();
  const waiting = closed ? null : waitingText(view.waitingSince, now);
  const classes = ["conversation", selected && "conversation--selected", closed && "conversation--closed"];
  return (
    <li>
      <button
        type="button"
        class={classes.filter(Boolean).join(" ")}
        aria-current={selected ? "true" : undefined}
        onClick={() => onOpen(view.id)}
      >
        <span class="conversation-top">
          <bdi class="conversation-name">{shown(view.visitorName)}</bdi>{" "}
          <span class="language">
            <span class="language-code">{view.language}</span> {languageName(view.language)}
          </span>
        </span>{" "}
        <span class="conversation-preview" dir="auto">
          {previewText(previewMessage(entry), selfName)}
        </span>{" "}
        <span class="conversation-flags">
          {waiting && <span class="tag tag--waiting">{waiting}</span>}
          {visitorTyping && <span class="tag tag--typing">Typing…</span>}
          {closed && <span class="tag">Closed</span>}
          {isNew && !closed && <span class="tag tag--new">New</span>}
          <UnreadBadge count={view.unread} />
        </span>
      </button>
    </li>
  );
}

// One stored message, labelled with its author and time. The text is rendered as text, never as HTML.
import type { MessageView } from "../../server/protocol/index.js";
import { formatTime, shown } from "../format.js";
import { AttachmentList } from "./AttachmentList.js";

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  message: MessageView;
  visitorName: string;
  selfName: string | null;
  /** The customer has read up to this agent message (the latest one they have seen): it shows "Seen". */
  seen?: boolean;
}

const ROLE_LABEL = { visitor: "Visitor", agent: "Agent", system: "System" } as const;

/** A transcript entry. */
export function MessageItem({ message, visitorName, selfName, seen = false }: MessageItemProps) {
  const time = <time dateTime={new Date(message.at).toISOString()}>{formatTime(message.at)}</time>;
  if (message.author === "system") {
    return (
      <li class="message message--system">
        <span class="sr-only">{ROLE_LABEL.system}: </span>
        <span dir="auto">{message.text}</span> {time}
      </li>
    );
  }
  const name = shown(message.author === "visitor" ? visitorName : (message.authorName ?? "Agent"));
  const own = message.author === "agent" && (selfName === null || name === selfName);
  return (
    <li class={`message message--${message.author}`}>
      <div class="message-meta">
        <bdi class="message-author">{own ? "You" : name}</bdi>
        <span class="message-role">{ROLE_LABEL[message.author]}</span>
        {time}
      </div>
      {message.text && (
        <p class="message-text" dir="auto">
          {message.text}
        </p>
      )}
      {message.attachments && <AttachmentList files={message.attachments} label="Files" />}
      {seen && <p class="message-seen">Seen</p>}
    </li>
  );
}

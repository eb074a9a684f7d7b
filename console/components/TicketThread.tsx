// The messages of the open ticket, oldest first: author, time, text (as text) and attachments.
import type { AgentTicketView, TicketMessageView } from "../../server/protocol/index.js";
import { formatDateTime, shown } from "../format.js";
import { AttachmentList } from "./AttachmentList.js";

const ROLE_LABEL = { customer: "Customer", agent: "Agent", system: "System" } as const;

function author(message: TicketMessageView, email: string): string {
  if (message.author === "customer") return email;
  if (message.author === "agent") return shown(message.authorName ?? "Agent");
  return "Parley";
}

/** The thread as a list in a scrollable, focusable region. */
export function TicketThread({ ticket }: { ticket: AgentTicketView }) {
  return (
    <div class="transcript" role="region" aria-label="Thread" tabIndex={0}>
      <ol class="messages">
        {ticket.messages.map((message) => (
          <li key={message.id} class={`message message--${message.author === "customer" ? "visitor" : message.author} ticket-message`}>
            <div class="message-meta">
              <bdi class="message-author">{author(message, ticket.email)}</bdi>
              <span class="message-role">{ROLE_LABEL[message.author] ?? message.author}</span>
              <time dateTime={new Date(message.at).toISOString()}>{formatDateTime(message.at)}</time>
            </div>
            {message.text !== "" && (
              <p class="message-text" dir="auto">
                {message.text}
              </p>
            )}
            <AttachmentList files={message.attachments} label={`Files from ${author(message, ticket.email)}`} />
          </li>
        ))}
      </ol>
    </div>
  );
}

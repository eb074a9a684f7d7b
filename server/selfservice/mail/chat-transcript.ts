// The email of a chat's transcript, sent to the customer when an agent asks for it in the console. Plain text; the
// subject carries no text of anyone's; the transcript is the ticket transcript's (one line per message, names
// made one line, text isolated). Internal notes live in a log of their own and never reach `messages`. Pure.
import type { ConversationRecord, MessageRecord } from "../../store/port.js";
import { transcript } from "../tickets/chat.js";
import type { EmailContent } from "./messages.js";

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The transcript email of conversation `c` with `messages` (the customer's messages only: never notes). */
export function chatTranscriptEmail(c: ConversationRecord, messages: MessageRecord[]): EmailContent {
  return {
    subject: `Your chat with us on ${day(c.createdAt)}`,
    text: [
      "Hello,",
      "",
      "as you asked, here is the transcript of your chat with our support team.",
      "",
      transcript(c, messages),
      "",
      "If you did not ask for it, you can ignore this email.",
    ].join("\n"),
  };
}

/** The messages up to and including `lastId` (all when null, or when it is not among them). */
export function upTo(messages: MessageRecord[], lastId: string | null): MessageRecord[] {
  const end = lastId === null ? -1 : messages.findIndex((m) => m.id === lastId);
  return end < 0 ? messages : messages.slice(0, end + 1);
}

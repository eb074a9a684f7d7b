// The emails Parley sends about tickets: plain text only, subjects built from the ticket number and (once an
// agent has answered) a cleaned subject. The confirmation carries no text of the sender's. Pure.
import type { MessageRecord, OutgoingEmailKind, TicketMessageRecord, TicketRecord } from "../../store/port.js";

/** Longest subject line text taken from the ticket. */
const SUBJECT_TEXT = 150;

/** One line without control or format characters (no CR/LF can reach a header), at most `max` characters. */
export function oneLine(text: string, max = SUBJECT_TEXT): string {
  const line = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ").replace(/\s+/g, " ").trim();
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : line;
}

/** What an email says. */
export interface EmailContent {
  subject: string;
  text: string;
}

const KEEP_PRIVATE = "Keep this link to yourself: anyone who has it can read and answer your ticket.";

/** The email of `kind` about `ticket`; `message` is the agent reply for "agent_reply". */
export function ticketEmail(kind: Exclude<OutgoingEmailKind, "chat_transcript" | "chat_reply">, ticket: TicketRecord, link: string, message: TicketMessageRecord | null): EmailContent {
  const tag = `[#${ticket.number}]`;
  const subject = oneLine(ticket.subject);
  switch (kind) {
    // The form can name any address, so this email carries nothing the sender wrote (no subject, no text): only
    // the number, the category (from the configured list) and the private link.
    case "ticket_created":
      return {
        subject: `${tag} We received your request`,
        text: [
          "Hello,",
          "",
          `we have received a request sent with this email address and opened ticket #${ticket.number} (${oneLine(ticket.category)}).`,
          "If you did not send it, you can ignore this email.",
          "",
          "Read our answers and reply at any time on your ticket's private page:",
          link,
          "",
          KEEP_PRIVATE,
          "",
          "Our staff will never ask you for your password, 2FA codes or private keys.",
        ].join("\n"),
      };
    case "agent_reply": {
      const files = message?.attachments.length ? [`Attached on the ticket page: ${message.attachments.map((a) => a.name).join(", ")}`, ""] : [];
      return {
        subject: `Re: ${tag} ${subject}`,
        text: [
          `${oneLine(message?.authorName ?? "Our support team", 100)} answered your ticket #${ticket.number}:`,
          "",
          message?.text ?? "",
          "",
          ...files,
          "Reply or read the whole conversation on your ticket's private page:",
          link,
          "",
          KEEP_PRIVATE,
        ].join("\n"),
      };
    }
    case "ticket_solved":
      return {
        subject: `${tag} Solved: ${subject}`,
        text: [
          `Your ticket #${ticket.number} was marked as solved: ${subject}`,
          "",
          "If something is still not right, reply on your ticket's private page and it opens again:",
          link,
          "",
          KEEP_PRIVATE,
        ].join("\n"),
      };
  }
}

/**
 * Agents' answers in a chat the customer had left: each answer with its author, and the link that opens the
 * conversation (read and answer) until `expiresAt`. The subject is fixed text: nothing typed reaches a header.
 */
export function chatReplyEmail(answers: readonly MessageRecord[], link: string, expiresAt: number): EmailContent {
  const until = new Date(expiresAt).toISOString().slice(0, 16).replace("T", " ");
  return {
    subject: answers.length === 1 ? "A new answer in your chat" : `${answers.length} new answers in your chat`,
    text: [
      "Hello,",
      "",
      "you had left the chat when our support team answered:",
      "",
      ...answers.flatMap((m) => [`${oneLine(m.authorName ?? "Our support team", 100)}:`, m.text, ""]),
      "Read the whole conversation and answer here:",
      link,
      "",
      `The link works until ${until} UTC. Keep it to yourself: anyone who has it can read and answer this chat.`,
      "Our staff will never ask you for your password, 2FA codes or private keys.",
    ].join("\n"),
  };
}

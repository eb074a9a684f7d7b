// A chat's transcript as the first message of the ticket made from it. Pure.
// Only Parley writes a line that starts with "[time] Role Name:" (the role first, so no name can change it): names are made one line without format
// characters (so no bidi control reorders them), and every line of a message's text is indented and isolated
// (FSI … PDI), so no text can pass for a line of its own, nor reorder what follows it.
import type { ConversationRecord, MessageRecord } from "../../store/port.js";
import { oneLine } from "../mail/messages.js";

const time = (at: number) => new Date(at).toISOString().slice(0, 16).replace("T", " ");
// First Strong Isolate and Pop Directional Isolate: each line of text is its own bidi island.
const isolate = (line: string) => `\u2068${line}\u2069`;

/** "Chat transcript (…):" and per message "[2024-05-01 10:02] Customer Mia: text", continuation lines indented. */
export function transcript(c: ConversationRecord, messages: MessageRecord[]): string {
  const who = (m: MessageRecord) =>
    m.author === "visitor" ? `Customer ${oneLine(c.visitorName, 80)}` : m.author === "agent" ? `Agent ${oneLine(m.authorName ?? "", 80)}`.trim() : "Parley";
  const lines = messages.map((m) => {
    const [first = "", ...rest] = m.text.split(/\r\n|[\n\r\u2028\u2029\v\f\u0085]/);
    // Files sent in the chat are named (not copied): the ticket links to the chat, where agents can open them.
    const files = (m.attachments ?? []).map((a) => `    [file: ${isolate(a.name)}]`);
    return [`[${time(m.at)}] ${who(m)}: ${isolate(first)}`, ...rest.map((line) => `    ${isolate(line)}`), ...files].join("\n");
  });
  return [`Chat transcript (times in UTC, started ${time(c.createdAt)}):`, ...lines].join("\n");
}

// A chat's transcript as the first message of the ticket made from it. Pure.
import type { ConversationRecord, MessageRecord } from "../../store/port.js";

const time = (at: number) => new Date(at).toISOString().slice(0, 16).replace("T", " ");

/** "Chat transcript (…):" and one line per message: "[2024-05-01 10:02] Name: text". */
export function transcript(c: ConversationRecord, messages: MessageRecord[]): string {
  const who = (m: MessageRecord) => (m.author === "visitor" ? c.visitorName : m.author === "agent" ? `${m.authorName ?? "Agent"} (agent)` : "Parley");
  const lines = messages.map((m) => `[${time(m.at)}] ${who(m)}: ${m.text}`);
  return [`Chat transcript (times in UTC, started ${time(c.createdAt)}):`, ...lines].join("\n");
}

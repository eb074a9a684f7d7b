// System lines ("Jonas joined the chat") in the visitor's language, from the notice the server sends with them.
import type { MessageView } from "../../../server/protocol/index.js";
import { format, languageName, type Dictionary } from "../i18n/index.js";

/** A system line as a template and the names put in it (render with `Formatted`, which isolates them). */
export interface SystemLine {
  template: string;
  values: Record<string, string>;
}

/** The text of a system line in the UI language; the server's English text when the notice is unknown. */
export function systemText(t: Dictionary, message: MessageView): string {
  const line = systemLine(t, message);
  return format(line.template, line.values);
}

/** A system line in the UI language, the agent's name kept apart from the sentence around it. */
export function systemLine(t: Dictionary, message: MessageView): SystemLine {
  const notice = message.notice;
  if (notice?.kind === "joined") return { template: t.assigned, values: { name: notice.name } };
  return { template: fixedText(t, message), values: {} };
}

function fixedText(t: Dictionary, message: MessageView): string {
  const notice = message.notice;
  switch (notice?.kind) {
    case "requeued":
      return t.sysRequeued;
    case "moved":
      return format(t.sysMoved, { language: languageName(t, notice.language) });
    case "transferred":
      return notice.language ? format(t.sysTransferredQueue, { language: languageName(t, notice.language) }) : t.sysTransferred;
    case "ended":
      return notice.by === "agent" ? t.endedByAgent : notice.by === "system" ? t.endedBySystem : t.endedByVisitor;
    default:
      return message.text;
  }
}

// System lines ("Jonas joined the chat") in the visitor's language, from the notice the server sends with them.
import type { MessageView } from "../../../server/protocol/index.js";
import { format, languageName, type Dictionary } from "../i18n/index.js";

/** The text of a system line in the UI language; the server's English text when the notice is unknown. */
export function systemText(t: Dictionary, message: MessageView): string {
  const notice = message.notice;
  switch (notice?.kind) {
    case "joined":
      return format(t.assigned, { name: notice.name });
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

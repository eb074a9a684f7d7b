import type { MessageView } from "../../../server/protocol/index.js";
import { useModel } from "../model/context.js";
import { shown } from "../../client/bidi.js";
import { systemLine } from "../model/system-text.js";
import { Formatted } from "./Formatted.js";
import { lazy } from "./Lazy.js";
import { loadLater } from "./load-later.js";

/** Thumbnails and download links: their code loads with the first message that carries a file. */
const Attachments = lazy(() => loadLater().then((m) => m.Attachments));

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "14:05" in the UI language. */
function clock(language: string, at: number): string {
  let f = formatters.get(language);
  if (!f) formatters.set(language, (f = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" })));
  return f.format(at);
}

/** One stored message, rendered as text. */
export function MessageItem({ message }: { message: MessageView }) {
  const { t, language } = useModel();
  if (message.author === "system") {
    return (
      <li class="msg msg--system">
        <p class="msg__text" dir="auto">
          <Formatted {...systemLine(t.value, message)} />
        </p>
      </li>
    );
  }
  const who = message.author === "visitor" ? t.value.you : message.authorName || t.value.agent;
  return (
    <li class={`msg msg--${message.author}`}>
      <p class="msg__meta">
        <bdi>{shown(who)}</bdi> <time dateTime={new Date(message.at).toISOString()}>{clock(language.value, message.at)}</time>
      </p>
      {message.text && (
        <p class="msg__text" dir="auto">
          {message.text}
        </p>
      )}
      {message.attachments?.length ? <Attachments files={message.attachments} /> : null}
    </li>
  );
}

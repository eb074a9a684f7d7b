import { languageName } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { formatWait } from "../model/wait.js";
import { Formatted } from "./Formatted.js";
import { useCountdown } from "./useCountdown.js";

/** Where the chat stands: place in the language queue with the expected wait, or which agent joined. */
export function QueueStatus() {
  const { chat, t, texts } = useModel();
  const c = chat.value.conversation;
  const d = t.value;
  const standing = c?.status === "queued" ? c.queue : null;
  const elapsedS = useCountdown(standing);
  let line = null;
  if (c?.status === "queued" && c.queue) {
    const wait = formatWait(d, c.queue.etaSeconds, c.queue.etaRange, { elapsedS, reliable: c.queue.etaReliable });
    const values = { position: c.queue.position, language: languageName(d, c.language), wait };
    line = <Formatted template={wait ? d.queuedWait : d.queued} values={values} />;
  } else if (c?.status === "queued" || !c) {
    line = d.waiting;
  } else if (c.status === "assigned") {
    line = c.agentName ? <Formatted template={d.assigned} values={{ name: c.agentName }} /> : d.assignedNoName;
  }
  const queueText = c?.status === "queued" ? texts.value?.queue : null;
  return (
    <>
      <p class="queue" role="status">
        {line}
      </p>
      {queueText && (
        <p class="queue queue-text" dir="auto">
          {queueText}
        </p>
      )}
    </>
  );
}

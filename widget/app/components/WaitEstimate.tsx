import { format } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { queueInfo } from "../model/queue-advice.js";
import { formatWait } from "../model/wait.js";
import { adviceLines, QueueAlternatives } from "./QueueAlternatives.js";

/** Before the chat: the expected wait in the chosen language, and the alternatives in peak or when closed. */
export function WaitEstimate({ onLeave }: { onLeave(): void }) {
  const { queues, queueBefore, language, t, actions, texts } = useModel();
  const d = t.value;
  const info = queueInfo(queues.value, language.value);
  const advice = queueBefore.value;
  const wait = info && info.open ? formatWait(d, info.etaSeconds, info.etaRange, { reliable: info.etaReliable }) : "";
  const lines = [...(wait ? [format(d.expectedWait, { wait })] : []), ...(advice ? adviceLines(d, advice, language.value, texts.value?.away ?? null) : [])];
  return (
    <div class="wait">
      <div role="status" class="wait__text">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {advice && <QueueAlternatives advice={advice} t={d} fallbackTemplate={d.chatInstead} onFallback={actions.chooseLanguage} leaveLabel={d.leaveMessage} onLeave={onLeave} id="prechat" />}
    </div>
  );
}

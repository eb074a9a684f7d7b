import { useState } from "preact/hooks";
import { Alert } from "../../selfservice/components/Alert.js";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { adviceLines, QueueAlternatives } from "./QueueAlternatives.js";

/** During the wait, in peak or when the queue closed: say so, and offer the fallback queue or a message instead. */
export function QueueOffers() {
  const { chat, queueDuring, t, actions, texts } = useModel();
  const [error, setError] = useState("");
  const d = t.value;
  const advice = queueDuring.value;
  const c = chat.value.conversation;
  const move = async (language: string) => {
    const result = await actions.moveChat(language);
    setError(result.ok ? "" : errorText(d, result.error.code));
  };
  const lines = advice && c ? adviceLines(d, advice, c.language, texts.value?.away ?? null) : [];
  return (
    <div class={advice && advice.state !== "open" ? "offers offers--active" : "offers"}>
      <div role="status" class="offers__text">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {advice && <QueueAlternatives advice={advice} t={d} fallbackTemplate={d.continueIn} onFallback={move} leaveLabel={d.leaveMessageInstead} onLeave={actions.leaveMessageFromChat} id="queue" />}
      <Alert text={error} />
    </div>
  );
}

import { useEffect, useRef, useState } from "preact/hooks";
import { Alert } from "../../selfservice/components/Alert.js";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { Composer } from "./Composer.js";
import { QueueOffers } from "./QueueOffers.js";
import { QueueStatus } from "./QueueStatus.js";
import { Transcript } from "./Transcript.js";
import { TypingIndicator } from "./TypingIndicator.js";

/** During the chat: queue line, End chat, the alternatives while waiting, transcript, typing indicator, message box. */
export function ChatView() {
  const { t, chat, actions } = useModel();
  const [error, setError] = useState("");
  const [confirming, setConfirming] = useState(false);
  const firstChoice = useRef<HTMLButtonElement>(null);
  const d = t.value;
  const queued = chat.value.conversation?.status === "queued";
  // Nobody has answered yet: offer a message by email before ending.
  const asking = confirming && queued;
  useEffect(() => {
    if (asking) firstChoice.current?.focus();
  }, [asking]);
  const end = async () => {
    setConfirming(false);
    const result = await actions.endChat();
    setError(result.ok ? "" : errorText(d, result.error.code));
  };
  return (
    <div class="view">
      <div class="toolbar">
        <QueueStatus />
        {!asking && (
          <button type="button" class="secondary" onClick={() => (queued ? setConfirming(true) : void end())} disabled={!chat.value.conversation}>
            {d.endChat}
          </button>
        )}
      </div>
      {asking ? (
        <div class="confirm" role="group" aria-labelledby="end-question">
          <p id="end-question">{d.endWhileQueued}</p>
          <div class="actions">
            <button ref={firstChoice} type="button" class="primary" onClick={() => (setConfirming(false), actions.leaveMessageFromChat())}>
              {d.leaveMessageInstead}
            </button>
            <button type="button" class="secondary" onClick={end}>
              {d.endChat}
            </button>
            <button type="button" class="link" onClick={() => setConfirming(false)}>
              {d.keepWaiting}
            </button>
          </div>
        </div>
      ) : (
        <QueueOffers />
      )}
      <Alert text={error} />
      <Transcript />
      <TypingIndicator />
      <Composer />
    </div>
  );
}

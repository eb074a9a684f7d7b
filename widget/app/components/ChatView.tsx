import { useState } from "preact/hooks";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { Composer } from "./Composer.js";
import { QueueStatus } from "./QueueStatus.js";
import { Transcript } from "./Transcript.js";
import { TypingIndicator } from "./TypingIndicator.js";

/** During the chat: queue line, End chat, transcript, typing indicator, message box. */
export function ChatView() {
  const { t, chat, actions } = useModel();
  const [error, setError] = useState("");
  const end = async () => {
    const result = await actions.endChat();
    setError(result.ok ? "" : errorText(t.value, result.error.code));
  };
  return (
    <div class="view">
      <div class="toolbar">
        <QueueStatus />
        <button type="button" class="secondary" onClick={end} disabled={!chat.value.conversation}>
          {t.value.endChat}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <Transcript />
      <TypingIndicator />
      <Composer />
    </div>
  );
}

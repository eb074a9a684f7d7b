import { useModel } from "../model/context.js";
import { Formatted } from "./Formatted.js";

/** "Alex is typing…" while the agent types. */
export function TypingIndicator() {
  const { chat, t } = useModel();
  const s = chat.value;
  if (!s.agentTyping) return <p class="typing" />;
  return (
    <p class="typing">
      <span class="typing__dots" aria-hidden="true" />
      <Formatted template={t.value.typing} values={{ name: s.conversation?.agentName || t.value.agent }} />
    </p>
  );
}

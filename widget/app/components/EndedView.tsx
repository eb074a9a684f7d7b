import { useModel } from "../model/context.js";
import { RatingForm } from "./RatingForm.js";
import { Transcript } from "./Transcript.js";

/** After the chat: the transcript, who ended it, then the rating or the thanks. */
export function EndedView() {
  const { chat, t, actions } = useModel();
  const c = chat.value.conversation;
  const d = t.value;
  const notice = c?.closedBy === "agent" ? d.endedByAgent : c?.closedBy === "visitor" ? d.endedByVisitor : d.ended;
  return (
    <div class="view">
      <Transcript />
      <div class="after">
        <p class="ended" role="status">
          {notice}
        </p>
        {c?.rated ? (
          <div class="thanks">
            <p>{d.thanks}</p>
            <button type="button" class="primary" onClick={actions.newChat}>
              {d.newChat}
            </button>
          </div>
        ) : (
          <RatingForm />
        )}
      </div>
    </div>
  );
}

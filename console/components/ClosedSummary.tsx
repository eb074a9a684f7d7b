// Shown instead of the reply box once a conversation is closed.
import { formatTime, shown } from "../format.js";
import type { ChatEntry } from "../model/index.js";
import { useConsole } from "./use-console.js";

/** Who closed it and when, the visitor's rating if any, and a button to remove it from the list. */
export function ClosedSummary({ entry }: { entry: ChatEntry }) {
  const { actions } = useConsole();
  const { view } = entry;
  const by =
    view.closedBy === "visitor" ? <bdi>{shown(view.visitorName)}</bdi> : view.closedBy === "agent" ? "you" : view.closedBy === "system" ? "Parley" : null;
  return (
    <div class="closed-summary">
      <p>
        <strong>Conversation closed</strong>
        {by && <> by {by}</>}
        {view.closedAt !== null && <> at {formatTime(view.closedAt)}</>}.
      </p>
      {view.rating && (
        <p class="rating">
          Rated {view.rating.score} out of 5
          {view.rating.comment && (
            <>
              : <q dir="auto">{view.rating.comment}</q>
            </>
          )}
        </p>
      )}
      <button type="button" onClick={() => actions.dismissConversation(view.id)}>
        Dismiss conversation
      </button>
    </div>
  );
}

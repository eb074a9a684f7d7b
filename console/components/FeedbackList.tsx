// The feedback items, newest first as the server sends them: rating, comment (as text), who, when, screenshots.
import type { FeedbackView } from "../../server/protocol/index.js";
import { formatDateTime, shown, languageName } from "../format.js";
import { AttachmentList } from "./AttachmentList.js";
import { RatingMeter } from "./RatingMeter.js";

/** The list of feedback; says so when the filters match none, or when the server sent only the newest. */
export function FeedbackList({ items, total }: { items: readonly FeedbackView[]; total: number }) {
  if (items.length === 0) return <p class="muted">No feedback matches these filters.</p>;
  return (
    <>
      {items.length < total && (
        <p class="muted">
          Showing the newest {items.length} of {total}. Narrow the dates or the rating to see others.
        </p>
      )}
      <ol class="feedback-list" aria-label="Feedback items">
        {items.map((item) => (
          <li key={item.id} class="feedback-item">
            <div class="feedback-top">
              <RatingMeter rating={item.rating} />
              <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
            </div>
            {item.comment !== "" ? (
              <p class="feedback-comment" dir="auto">
                {item.comment}
              </p>
            ) : (
              <p class="muted">No comment.</p>
            )}
            <dl class="facts">
              <div>
                <dt>Email</dt>
                <dd>{item.email ? <bdi>{shown(item.email)}</bdi> : "not given"}</dd>
              </div>
              <div>
                <dt>Language</dt>
                <dd>
                  <span class="language-code">{item.language}</span> {languageName(item.language)}
                </dd>
              </div>
            </dl>
            <AttachmentList files={item.screenshots} label="Screenshots" />
          </li>
        ))}
      </ol>
    </>
  );
}

import { useState } from "preact/hooks";
import { RatingSteps } from "../../selfservice/components/RatingSteps.js";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";

/** Five steps from Terrible to Fantastic, an optional comment, and Send rating. */
export function RatingForm() {
  const { t, actions } = useModel();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const d = t.value;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!score || busy) return;
    setBusy(true);
    const result = await actions.rate(score, comment);
    setBusy(false);
    if (!result.ok) setError(errorText(d, result.error.code));
  };
  return (
    <form class="rating" onSubmit={submit}>
      <RatingSteps legend={d.rateTitle} value={score} onChange={setScore} t={d} />
      <label class="label" for="rating-comment">
        {d.comment}
      </label>
      <textarea id="rating-comment" rows={2} maxLength={2000} dir="auto" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={!score || busy}>
          {d.sendRating}
        </button>
        <button type="button" class="secondary" onClick={actions.newChat}>
          {d.newChat}
        </button>
      </div>
    </form>
  );
}

import { useState } from "preact/hooks";
import { errorText, type Dictionary } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { Face } from "./Face.js";

const STEPS = [
  { score: 1, key: "rating1" },
  { score: 2, key: "rating2" },
  { score: 3, key: "rating3" },
  { score: 4, key: "rating4" },
  { score: 5, key: "rating5" },
] as const satisfies readonly { score: number; key: keyof Dictionary }[];

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
      <fieldset class="rating__steps">
        <legend class="rating__title">{d.rateTitle}</legend>
        {STEPS.map((step) => (
          <button key={step.score} type="button" class="rating__step" aria-pressed={score === step.score} onClick={() => setScore(step.score)}>
            <Face score={step.score} />
            <span>{d[step.key]}</span>
          </button>
        ))}
      </fieldset>
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

import { useEffect, useRef, useState } from "preact/hooks";
import { useSelfService } from "../context.js";
import { filesError, validateFeedback } from "../validation.js";
import { SubmitRow } from "./Alert.js";
import { Field } from "./Field.js";
import { FileField } from "./FileField.js";
import { limitsOf } from "./limits.js";
import { RatingSteps } from "./RatingSteps.js";
import { useApiForm } from "./use-api-form.js";

const FIELDS = ["rating", "comment", "email", "screenshots"] as const;

/** "How do you like our product?": five steps, a comment, screenshots, an optional email → thanks. */
export function FeedbackForm({ id = "feedback" }: { id?: string }) {
  const { t, api, config, language, loadConfig } = useSelfService();
  const d = t.value;
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const [email, setEmail] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [sent, setSent] = useState(false);
  const done = useRef<HTMLParagraphElement>(null);
  const check = () => ({ ...validateFeedback(d, { rating, email }), screenshots: filesError(d, files, limitsOf(config.value), "images") });
  const { busy, errors, alert, form, submit } = useApiForm(d, FIELDS, { rating, comment, email, screenshots: files }, check);
  useEffect(loadConfig, []);
  useEffect(() => {
    if (sent) done.current?.focus();
  }, [sent]);

  const send = (event: Event) => {
    event.preventDefault();
    const body = new FormData();
    body.append("rating", String(rating));
    body.append("comment", comment);
    body.append("language", language.value);
    if (email.trim()) body.append("email", email.trim());
    for (const file of files) body.append("screenshots", file);
    void submit(() => api.sendFeedback(body), () => setSent(true));
  };

  return (
    <div class="selfservice">
      <div role="status" class="selfservice__status">
        {sent && (
          <p class="success success__title" ref={done} tabIndex={-1}>
            {d.feedbackThanks}
          </p>
        )}
      </div>
      {!sent && (
        <form ref={form} class="selfservice__form" noValidate onSubmit={send}>
          <RatingSteps legend={d.feedbackTitle} value={rating} onChange={setRating} t={d} describedBy={errors.rating ? `${id}-rating-error` : undefined} />
          {errors.rating && (
            <p id={`${id}-rating-error`} class="field__error">
              {errors.rating}
            </p>
          )}
          <Field id={`${id}-comment`} label={d.feedbackComment} error={errors.comment}>
            {(aria) => <textarea {...aria} rows={4} maxLength={5000} dir="auto" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
          </Field>
          <FileField id={`${id}-screenshots`} kinds="images" files={files} onChange={setFiles} error={errors.screenshots} />
          <Field id={`${id}-email`} label={d.email} hint={d.optional} error={errors.email}>
            {(aria) => <input {...aria} type="email" autocomplete="email" maxLength={254} value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
          </Field>
          <SubmitRow alert={alert} busy={busy} label={d.sendFeedback} busyLabel={d.sending} />
        </form>
      )}
    </div>
  );
}

// The sending half every self-service form shares: check locally, send, then show the server's issues next to
// the fields this form has and everything else (with its message) in one alert; focus the first bad field.
// A field's error follows the field once it changes: fixed, it clears at once; still wrong, it says why now.
import { useEffect, useRef, useState } from "preact/hooks";
import { errorText, type Dictionary } from "../../app/i18n/index.js";
import type { ClientErrorCode } from "../../client/types.js";
import type { ApiResult } from "../api.js";
import { issuesByField, isValid, type FieldErrors } from "../validation.js";

/**
 * The state and submit helper of one form. `values` are the fields' current values (compared by identity to see
 * which changed since an error was shown) and `check` the form's local checks on them.
 */
export function useApiForm(t: Dictionary, fields: readonly string[], values: Record<string, unknown>, check: () => FieldErrors) {
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ errors: FieldErrors; at: Record<string, unknown> }>({ errors: {}, at: {} });
  const setErrors = (errors: FieldErrors) => setShown({ errors, at: { ...values } });
  const local = check();
  const errors: FieldErrors = {};
  for (const [field, error] of Object.entries(shown.errors)) errors[field] = Object.is(values[field], shown.at[field]) ? error : local[field];
  const [alert, setAlert] = useState("");
  const form = useRef<HTMLFormElement>(null);
  const attempt = useRef(0);
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  /** Sends unless the local checks fail; calls `done` with the data on success. */
  async function submit<T>(send: () => Promise<ApiResult<T>>, done: (data: T) => void): Promise<void> {
    if (busy) return;
    if (!isValid(local)) {
      setErrors(local);
      setAlert("");
      setFocusTick(++attempt.current);
      return;
    }
    setBusy(true);
    const r = await send();
    setBusy(false);
    if (r.ok) {
      setErrors({});
      setAlert("");
      done(r.data);
      return;
    }
    const byField = issuesByField(r.issues);
    const mine: FieldErrors = {};
    const others: string[] = [];
    for (const [field, text] of Object.entries(byField)) {
      if (fields.includes(field)) mine[field] = text;
      else if (text) others.push(text);
    }
    setErrors(mine);
    setAlert([r.message || errorText(t, r.error as ClientErrorCode), ...others].join(" "));
    setFocusTick(++attempt.current);
  }

  return { busy, errors, alert, form, submit };
}

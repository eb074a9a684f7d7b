import type { ComponentChildren } from "preact";

/** What a field's control needs to be tied to its label, hint and error. */
export interface FieldAria {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: "true";
}

interface Props {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (aria: FieldAria) => ComponentChildren;
}

/** A labelled control with an optional hint and error, both tied to the control for assistive technology. */
export function Field({ id, label, hint, error, children }: Props) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label class="label" for={id}>
        {label}
      </label>
      {children({ id, ...(describedBy ? { "aria-describedby": describedBy } : {}), ...(error ? { "aria-invalid": "true" as const } : {}) })}
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} class="field__error">
          {error}
        </span>
      )}
    </div>
  );
}

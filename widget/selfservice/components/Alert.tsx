/** A problem to announce at once (nothing when empty). */
export function Alert({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p class="error" role="alert">
      {text}
    </p>
  );
}

/** The end of a form: what went wrong, if anything, and the submit button ("Sending…" while busy). */
export function SubmitRow({ alert, busy, label, busyLabel }: { alert: string; busy: boolean; label: string; busyLabel: string }) {
  return (
    <>
      <Alert text={alert} />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}

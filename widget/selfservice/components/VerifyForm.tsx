import { useState } from "preact/hooks";
import type { VerifyResultView } from "../../../server/protocol/index.js";
import { Formatted } from "../../app/components/Formatted.js";
import { useSelfService } from "../context.js";
import { Alert } from "./Alert.js";
import { Field } from "./Field.js";
import { useApiForm } from "./use-api-form.js";

const FIELDS = ["q"] as const;

/** A decorative check or cross; the words next to it say the same. */
function Mark({ official }: { official: boolean }) {
  return (
    <svg class="verdict__mark" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">
      <circle cx="12" cy="12" r="10.5" stroke-width="1.6" />
      <path d={official ? "M7 12.5l3.2 3.2L17 9" : "M8.5 8.5l7 7M15.5 8.5l-7 7"} />
    </svg>
  );
}

/** The answer, as text: Official / Not official, the server's explanation (with its advice), and what it imitates. */
function Verdict({ result }: { result: VerifyResultView }) {
  const d = useSelfService().t.value;
  return (
    <div class={result.official ? "verdict verdict--official" : "verdict verdict--fake"}>
      <Mark official={result.official} />
      <div>
        <p class="verdict__word">{result.official ? d.official : d.notOfficial}</p>
        <p dir="auto">{result.explanation}</p>
        {result.imitates && (
          <p>
            <Formatted template={d.imitates} values={{ handle: result.imitates }} />
          </p>
        )}
      </div>
    </div>
  );
}

/** "Is this account really ours?": look up an account ID or email among the official accounts. */
export function VerifyForm({ id = "verify" }: { id?: string }) {
  const { t, api } = useSelfService();
  const d = t.value;
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<VerifyResultView | null>(null);
  const { busy, errors, alert, form, submit } = useApiForm(d, FIELDS, { q: query }, () => (query.trim() ? {} : { q: d.fieldRequired }));
  const search = (event: Event) => {
    event.preventDefault();
    const q = query.trim();
    setResult(null);
    void submit(() => api.verify(q), setResult);
  };
  return (
    <div class="selfservice">
      <form ref={form} class="selfservice__form" noValidate onSubmit={search}>
        <h2 class="selfservice__title">{d.verifyTitle}</h2>
        <p class="hint">{d.verifyIntro}</p>
        <Field id={`${id}-q`} label={d.verifyQuery} error={errors.q}>
          {(aria) => <input {...aria} type="search" required maxLength={254} dir="auto" autocomplete="off" spellcheck={false} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {d.search}
        </button>
        <Alert text={alert} />
      </form>
      <div role="status" class="selfservice__status">
        {result && <Verdict result={result} />}
      </div>
    </div>
  );
}

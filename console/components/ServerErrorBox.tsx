// A failed request as the server explained it: its message and, per field, what is wrong.
import type { ServerError } from "../model/index.js";

/** An alert with the error's message and issues; nothing without an error. */
export function ServerErrorBox({ error }: { error: ServerError | null }) {
  if (!error) return null;
  return (
    <div class="form-error" role="alert">
      <p>{error.message}</p>
      {error.issues.length > 0 && (
        <ul class="issues">
          {error.issues.map((issue, i) => (
            <li key={i}>
              {issue.path !== "" && <span class="issue-path">{issue.path}: </span>}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// The "Canned responses" section: the shared responses (admins manage them) and the agent's own, with a form.
import { CannedForm } from "./CannedForm.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** The table of responses the agent may use, and Add/Edit/Remove where they may. */
export function CannedPage() {
  const { canned } = useConsole();
  const list = canned.responses.value;
  const editing = canned.editing.value;
  const edited = editing === null || editing === "new" ? null : (list?.find((r) => r.id === editing) ?? null);
  const mayChange = (scope: string) => scope === "personal" || canned.mayShare.value;
  return (
    <main class="page" aria-labelledby="canned-title" aria-busy={canned.loading.value}>
      <h2 id="canned-title">Canned responses</h2>
      <p class="muted">In a chat, type / and the shortcut in the reply box, then Enter or Tab to insert the text.</p>
      {editing === null ? (
        <button type="button" class="primary add-button" onClick={() => canned.actions.edit("new")}>
          Add a response
        </button>
      ) : (
        <CannedForm key={editing} response={edited} />
      )}
      <ServerErrorBox error={canned.error.value} />
      {list === null ? (
        canned.loading.value && <p class="muted">Loading responses…</p>
      ) : list.length === 0 ? (
        <p class="muted">No canned responses yet.</p>
      ) : (
        <table class="registry">
          <caption class="sr-only">Canned responses</caption>
          <thead>
            <tr>
              <th scope="col">Shortcut</th>
              <th scope="col">Language</th>
              <th scope="col">Kind</th>
              <th scope="col">Text</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <th scope="row">/{r.shortcut}</th>
                <td>{r.language}</td>
                <td>{r.scope === "shared" ? "Shared" : "Personal"}</td>
                <td class="canned-cell" dir="auto">
                  {r.text}
                </td>
                <td class="row-actions">
                  {mayChange(r.scope) && (
                    <>
                      <button type="button" class="quiet" onClick={() => canned.actions.edit(r.id)}>
                        Edit<span class="sr-only"> /{r.shortcut} ({r.language})</span>
                      </button>
                      <button type="button" class="danger" onClick={() => void canned.actions.remove(r.id)}>
                        Remove<span class="sr-only"> /{r.shortcut} ({r.language})</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

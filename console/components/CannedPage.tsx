// The "Canned responses" section: the shared responses (admins manage them) and the agent's own, with a form.
import { CannedForm } from "./CannedForm.js";
import { AddOrEdit, RegistryPage } from "./RegistryPage.js";
import { useConsole } from "./use-console.js";

const COLUMNS = ["Shortcut", "Language", "Kind", "Text"];

/** The table of responses the agent may use, and Add/Edit/Remove where they may. */
export function CannedPage() {
  const { canned } = useConsole();
  const list = canned.responses.value;
  const editing = canned.editing.value;
  const edited = editing === null || editing === "new" ? null : (list?.find((r) => r.id === editing) ?? null);
  const mayChange = (scope: string) => scope === "personal" || canned.mayShare.value;
  return (
    <RegistryPage
      id="canned"
      title="Canned responses"
      intro="In a chat, type / and the shortcut in the reply box, then Enter or Tab to insert the text."
      loading={canned.loading.value}
      error={canned.error.value}
      top={
        <AddOrEdit editing={editing !== null} label="Add a response" onAdd={() => canned.actions.edit("new")}>
          <CannedForm key={editing} response={edited} />
        </AddOrEdit>
      }
      count={list?.length ?? null}
      loadingText="Loading responses…"
      emptyText="No canned responses yet."
      caption="Canned responses"
      columns={COLUMNS}
    >
      {list?.map((r) => (
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
    </RegistryPage>
  );
}

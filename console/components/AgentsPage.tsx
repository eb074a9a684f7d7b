// The "Agents" section (admins): every agent with their languages, role and state, the add/edit form, and actions.
import { AgentForm } from "./AgentForm.js";
import { AgentRow } from "./AgentRow.js";
import { OnlyFor } from "./OnlyFor.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** The agent list, "Add an agent", and the form when open. */
export function AgentsPage() {
  const { agents } = useConsole();
  if (!agents.allowed.value) return <OnlyFor title="Agents" who="admins" what="manage agents" />;
  const list = agents.agents.value;
  const editing = agents.editing.value;
  const editedAgent = editing === null || editing === "new" ? null : (list?.find((a) => a.id === editing) ?? null);
  return (
    <main class="page" aria-labelledby="agents-title" aria-busy={agents.loading.value}>
      <h2 id="agents-title">Agents</h2>
      <p class="muted">Disabling an agent or resetting their password signs them out everywhere at once.</p>
      {editing === null ? (
        <button type="button" class="primary add-button" onClick={() => agents.actions.edit("new")}>
          Add an agent
        </button>
      ) : (
        <AgentForm key={editing} agent={editedAgent} />
      )}
      <ServerErrorBox error={agents.error.value} />
      {list === null ? (
        agents.loading.value && <p class="muted">Loading agents…</p>
      ) : (
        <table class="registry">
          <caption class="sr-only">Agents</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Languages</th>
              <th scope="col">Max chats</th>
              <th scope="col">Role</th>
              <th scope="col">Shifts</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((agent) => (
              <AgentRow key={agent.id} agent={agent} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

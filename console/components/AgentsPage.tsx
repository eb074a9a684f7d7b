// The "Agents" section (admins): every agent with their languages, role and state, the add/edit form, and actions.
import { AgentForm } from "./AgentForm.js";
import { AgentRow } from "./AgentRow.js";
import { OnlyFor } from "./OnlyFor.js";
import { AddOrEdit, RegistryPage } from "./RegistryPage.js";
import { useConsole } from "./use-console.js";

const COLUMNS = ["Name", "Email", "Languages", "Max chats", "Role", "Shifts", "State"];

/** The agent list, "Add an agent", and the form when open. */
export function AgentsPage() {
  const { agents } = useConsole();
  if (!agents.allowed.value) return <OnlyFor title="Agents" who="admins" what="manage agents" />;
  const list = agents.agents.value;
  const editing = agents.editing.value;
  const editedAgent = editing === null || editing === "new" ? null : (list?.find((a) => a.id === editing) ?? null);
  return (
    <RegistryPage
      id="agents"
      title="Agents"
      intro="Disabling an agent or resetting their password signs them out everywhere at once."
      loading={agents.loading.value}
      error={agents.error.value}
      top={
        <AddOrEdit editing={editing !== null} label="Add an agent" onAdd={() => agents.actions.edit("new")}>
          <AgentForm key={editing} agent={editedAgent} />
        </AddOrEdit>
      }
      count={list?.length ?? null}
      loadingText="Loading agents…"
      caption="Agents"
      columns={COLUMNS}
    >
      {list?.map((agent) => (
        <AgentRow key={agent.id} agent={agent} />
      ))}
    </RegistryPage>
  );
}

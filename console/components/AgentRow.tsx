// One agent in the Agents table, with Edit, Disable/Enable and Reset password (named with the agent's name).
import type { AdminAgentView } from "../../server/protocol/index.js";
import { PasswordResetForm } from "./PasswordResetForm.js";
import { useConsole } from "./use-console.js";

const ROLE_NAMES = { agent: "Agent", supervisor: "Supervisor", admin: "Admin" } as const;

/** A table row; the password reset opens in a row below it. */
export function AgentRow({ agent }: { agent: AdminAgentView }) {
  const { agents, agent: me } = useConsole();
  const self = me.value?.id === agent.id;
  const who = <span class="sr-only"> {agent.name}</span>;
  return (
    <>
      <tr class={agent.disabled ? "row--disabled" : undefined}>
        <th scope="row">
          <bdi>{agent.name}</bdi>
        </th>
        <td>
          <bdi class="handle">{agent.email}</bdi>
        </td>
        <td>{agent.languages.join(", ")}</td>
        <td>{agent.maxChats}</td>
        <td>{ROLE_NAMES[agent.role]}</td>
        <td>{agent.shifts.length === 0 ? "Always" : `${agent.shifts.join("; ")} (${agent.timeZone})`}</td>
        <td>{agent.disabled ? "Disabled" : "Active"}</td>
        <td class="row-actions">
          <button type="button" class="quiet" onClick={() => agents.actions.edit(agent.id)}>
            Edit{who}
          </button>
          <button type="button" class="quiet" onClick={() => agents.actions.askReset(agent.id)}>
            Reset password{who}
          </button>
          {!self &&
            (agent.disabled ? (
              <button type="button" class="quiet" onClick={() => void agents.actions.setDisabled(agent.id, false)}>
                Enable{who}
              </button>
            ) : (
              <button type="button" class="danger" onClick={() => void agents.actions.setDisabled(agent.id, true)}>
                Disable{who}
              </button>
            ))}
        </td>
      </tr>
      {agents.resetting.value === agent.id && (
        <tr>
          <td colSpan={8}>
            <PasswordResetForm agent={agent} />
          </td>
        </tr>
      )}
    </>
  );
}

// The agent's status select, with what the chosen status means.
import type { AgentStatus } from "../../server/protocol/index.js";
import { useConsole } from "./use-console.js";

const HINTS: Record<AgentStatus, string> = {
  online: "Taking new chats. Offline hands yours back to the queue.",
  away: "Keeping your chats, taking no new ones.",
  offline: "Taking no chats; yours go back to the queue.",
};

function isStatus(value: string): value is AgentStatus {
  return value === "online" || value === "away" || value === "offline";
}

/** The "Status" select. */
export function StatusControl() {
  const { agent, actions } = useConsole();
  const status = agent.value?.status ?? "offline";
  return (
    <div class="status">
      <label for="agent-status">Status</label>
      <select
        id="agent-status"
        class={`status-select status-select--${status}`}
        value={status}
        aria-describedby="agent-status-hint"
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isStatus(value)) void actions.setStatus(value);
        }}
      >
        <option value="online">Online</option>
        <option value="away">Away</option>
        <option value="offline">Offline</option>
      </select>
      <span id="agent-status-hint" class="hint">
        {HINTS[status]}
      </span>
    </div>
  );
}

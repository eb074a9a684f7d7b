// The form that adds an agent (with a password) or edits one: Email, Name, Languages, Maximum chats, Role,
// Time zone, Shifts (one per line).
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { AdminAgentView, AgentRole } from "../../server/protocol/index.js";
import { blankAgent, draftOf } from "../model/agents.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** Adds a new agent (`agent` null) or edits `agent`. */
export function AgentForm({ agent }: { agent: AdminAgentView | null }) {
  const { agents } = useConsole();
  const languages = agents.languages.value;
  const draft = useSignal(agent ? draftOf(agent) : blankAgent(languages.map((l) => l.id)));
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (changes: Partial<typeof draft.value>) => (draft.value = { ...draft.value, ...changes });
  const title = agent ? `Edit ${agent.name}` : "Add an agent";
  const toggle = (code: string, on: boolean) =>
    set({ languages: on ? [...draft.value.languages, code] : draft.value.languages.filter((l) => l !== code) });

  return (
    <form
      class="official-form"
      noValidate
      aria-labelledby="agent-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        void agents.actions.save(draft.value);
      }}
    >
      <h3 id="agent-form-title">{title}</h3>
      <ServerErrorBox error={agents.saveError.value} />
      <div class="form-fields">
        <label for="agent-email">Email</label>
        <input ref={agent ? undefined : first} id="agent-email" type="email" autoComplete="off" value={draft.value.email} readOnly={agent !== null} onInput={(e) => set({ email: e.currentTarget.value })} />
        <label for="agent-name">Name</label>
        <input ref={agent ? first : undefined} id="agent-name" type="text" autoComplete="off" value={draft.value.name} onInput={(e) => set({ name: e.currentTarget.value })} />
        <span class="field-label" id="agent-languages-label">
          Languages
        </span>
        <div class="checkbox-group" role="group" aria-labelledby="agent-languages-label">
          {languages.map((l) => (
            <label key={l.id}>
              <input type="checkbox" checked={draft.value.languages.includes(l.id)} onChange={(e) => toggle(l.id, e.currentTarget.checked)} /> {l.name}
            </label>
          ))}
        </div>
        <label for="agent-max">Maximum chats</label>
        <input id="agent-max" type="number" min={1} max={50} value={draft.value.maxChats} onInput={(e) => set({ maxChats: e.currentTarget.value })} />
        <label for="agent-role">Role</label>
        <select id="agent-role" value={draft.value.role} onChange={(e) => set({ role: e.currentTarget.value as AgentRole })}>
          <option value="agent">Agent</option>
          <option value="supervisor">Supervisor</option>
          <option value="admin">Admin</option>
        </select>
        <label for="agent-zone">Time zone</label>
        <input id="agent-zone" type="text" autoComplete="off" value={draft.value.timeZone} aria-describedby="agent-zone-hint" onInput={(e) => set({ timeZone: e.currentTarget.value })} />
        <span />
        <span id="agent-zone-hint" class="hint">
          An IANA name such as Europe/Berlin.
        </span>
        <label for="agent-shifts">Shifts</label>
        <textarea id="agent-shifts" rows={3} value={draft.value.shifts} aria-describedby="agent-shifts-hint" onInput={(e) => set({ shifts: e.currentTarget.value })} />
        <span />
        <span id="agent-shifts-hint" class="hint">
          One per line, like Mon-Fri 08:00-16:00. None: always on shift.
        </span>
        {agent === null && (
          <>
            <label for="agent-password">Password</label>
            <input id="agent-password" type="password" autoComplete="new-password" value={draft.value.password} onInput={(e) => set({ password: e.currentTarget.value })} />
          </>
        )}
      </div>
      <div class="form-buttons">
        <button type="submit" class="primary" aria-disabled={agents.saving.value}>
          {agent ? "Save agent" : "Add agent"}
        </button>
        <button type="button" class="quiet" onClick={() => agents.actions.edit(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

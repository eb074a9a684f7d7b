// "New password for <name>": sets it and ends every session of the agent.
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type { AdminAgentView } from "../../server/protocol/index.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** The reset form; the focus goes to the password field when it opens. */
export function PasswordResetForm({ agent }: { agent: AdminAgentView }) {
  const { agents } = useConsole();
  const password = useSignal("");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const id = `reset-${agent.id}`;
  return (
    <form
      class="inline-form"
      aria-label={`Reset the password of ${agent.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void agents.actions.resetPassword(password.value);
      }}
    >
      <ServerErrorBox error={agents.resetError.value} />
      <label for={id}>New password for {agent.name}</label>
      <input ref={input} id={id} type="password" autoComplete="new-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
      <button type="submit" class="primary">
        Save password
      </button>
      <button type="button" class="quiet" onClick={() => agents.actions.askReset(null)}>
        Cancel
      </button>
    </form>
  );
}

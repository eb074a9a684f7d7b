// The form that registers an official account: channel, handle (or address, or URL) and an optional note.
import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** "Channel", "Handle, address or URL", "Note" and "Add account"; cleared once the account is added. */
export function OfficialForm() {
  const { officials, settings } = useConsole();
  const channel = useSignal("");
  const handle = useSignal("");
  const note = useSignal("");
  const handleInput = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (await officials.actions.add({ channel: channel.value, handle: handle.value, note: note.value })) {
      handle.value = "";
      note.value = "";
      handleInput.current?.focus();
    }
  }

  return (
    <form class="official-form" onSubmit={submit} noValidate aria-labelledby="official-form-title">
      <h3 id="official-form-title">Add an official account</h3>
      <ServerErrorBox error={officials.addError.value} />
      <div class="form-fields">
        <label for="official-channel">Channel</label>
        <select id="official-channel" value={channel.value} onChange={(e) => (channel.value = e.currentTarget.value)}>
          <option value="">Choose a channel</option>
          {settings.value.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="official-handle">Handle, address or URL</label>
        <input ref={handleInput} id="official-handle" type="text" autoComplete="off" value={handle.value} onInput={(e) => (handle.value = e.currentTarget.value)} />
        <label for="official-note">Note</label>
        <input id="official-note" type="text" autoComplete="off" value={note.value} onInput={(e) => (note.value = e.currentTarget.value)} />
      </div>
      <button type="submit" class="primary" aria-disabled={officials.adding.value}>
        Add account
      </button>
    </form>
  );
}

// "Email transcript": sends the chat's transcript (never its internal notes) to the customer's email address.
import type { ChatEntry } from "../model/index.js";
import { useConsole } from "./use-console.js";

/** The button, shown when the customer left an email address. */
export function TranscriptEmailButton({ entry }: { entry: ChatEntry }) {
  const { transcriptSending, actions } = useConsole();
  const { id, visitorEmail } = entry.view;
  if (!visitorEmail) return null;
  const busy = transcriptSending.value.has(id);
  return (
    <button type="button" disabled={busy} title="To the customer's email address, without internal notes" onClick={() => void actions.emailTranscript(id)}>
      Email transcript
    </button>
  );
}

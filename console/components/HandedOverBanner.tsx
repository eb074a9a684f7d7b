// Above the transcript of a chat a colleague handed over: who sent it and why, and (unless it came back declined) a
// Decline button that returns it to them (or to the head of its queue when they are full).
import type { ChatEntry } from "../model/index.js";
import { shown } from "../format.js";
import { useConsole } from "./use-console.js";

/** The hand-over banner; nothing when the chat did not arrive by a transfer. */
export function HandedOverBanner({ entry }: { entry: ChatEntry }) {
  const { actions } = useConsole();
  const handedOver = entry.handedOver;
  if (!handedOver || entry.view.status === "closed") return null;
  return (
    <section class="handed-over" aria-label="Transfer">
      <p>
        {handedOver.declined ? "Declined by " : "Transferred to you by "}
        <bdi>{shown(handedOver.fromName)}</bdi>
        {handedOver.note && !handedOver.declined && (
          <>
            : <q dir="auto">{handedOver.note}</q>
          </>
        )}
      </p>
      {!handedOver.declined && (
        <button type="button" onClick={() => void actions.decline(entry.view.id)}>
          Decline
        </button>
      )}
    </section>
  );
}

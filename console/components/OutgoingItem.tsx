// One of the agent's messages that the server has not stored yet: sending, or failed with what to do.
import type { Outgoing } from "../model/index.js";
import { useConsole } from "./use-console.js";
import { shown } from "../format.js";

/** An unsent agent message with its state and, when failed, Retry / Edit / Discard. */
export function OutgoingItem({ item, connected }: { item: Outgoing; connected: boolean }) {
  const { actions } = useConsole();
  const failed = item.state === "failed";
  const state = failed ? "Not sent" : connected ? "Sending…" : "Waiting for connection…";
  return (
    <li class={`message message--agent message--${item.state}`}>
      <div class="message-meta">
        <span class="message-author">You</span>
        <span class="message-role">Agent</span>
        <span class="message-state">{state}</span>
      </div>
      {item.text && (
        <p class="message-text" dir="auto">
          {item.text}
        </p>
      )}
      {item.attachments?.map((a) => (
        <p key={a.id} class="message-text">
          <bdi>{shown(a.name)}</bdi>
        </p>
      ))}
      {failed && (
        <div class="message-failure">
          <span>{item.error}</span>
          {item.retryable ? (
            <button type="button" onClick={() => actions.retryMessage(item.id)}>
              Retry
            </button>
          ) : (
            <button type="button" onClick={() => actions.editMessage(item.id)}>
              Edit
            </button>
          )}
          <button type="button" class="quiet" onClick={() => actions.discardMessage(item.id)}>
            Discard
          </button>
        </div>
      )}
    </li>
  );
}

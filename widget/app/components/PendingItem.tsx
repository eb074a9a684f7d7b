import type { PendingMessage } from "../../client/types.js";
import { errorText } from "../i18n/index.js";
import { useModel } from "../model/context.js";
import { shown } from "../../client/bidi.js";

/** A message not stored yet: "Sending…", or the reason it failed with Retry and Discard. */
export function PendingItem({ item }: { item: PendingMessage }) {
  const { t, actions } = useModel();
  const d = t.value;
  const statusId = `pending-${item.id}`;
  return (
    <li class={`msg msg--visitor msg--${item.status}`}>
      <p class="msg__meta">
        <bdi>{d.you}</bdi>
      </p>
      {item.text && (
        <p class="msg__text" dir="auto">
          {item.text}
        </p>
      )}
      {item.attachments?.map((a) => (
        <p key={a.id} class="msg__text">
          <bdi>{shown(a.name)}</bdi>
        </p>
      ))}
      {item.status === "sending" ? (
        <p class="msg__status">{d.sending}</p>
      ) : (
        <p class="msg__status msg__status--error">
          <span id={statusId}>{errorText(d, item.error?.code ?? "internal")}</span>{" "}
          <button type="button" class="link" aria-describedby={statusId} onClick={() => actions.retry(item.id)}>
            {d.retry}
          </button>{" "}
          <button type="button" class="link" aria-describedby={statusId} onClick={() => actions.discard(item.id)}>
            {d.discard}
          </button>
        </p>
      )}
    </li>
  );
}

import { useModel } from "../model/context.js";

/** "Connecting…" / "Reconnecting…" while the connection is not up; an empty live region otherwise. */
export function ConnectionBanner() {
  const { chat, view, t } = useModel();
  const connection = chat.value.connection;
  const text = connection === "reconnecting" ? t.value.reconnecting : connection === "connecting" && view.value === "chat" ? t.value.connecting : "";
  return (
    <p class={text ? "banner" : "banner banner--hidden"} role="status">
      {text}
    </p>
  );
}

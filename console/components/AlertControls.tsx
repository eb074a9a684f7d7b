// The header's alert settings: the alert sound's mute switch (remembered on this device) and desktop notifications
// (asked for only when the agent clicks; the browser decides from then on).
import { useConsole } from "./use-console.js";

const PERMISSION_TEXT = {
  granted: "Desktop notifications on",
  denied: "Desktop notifications blocked in the browser",
} as const;

/** "Mute alert sound" and "Enable desktop notifications". */
export function AlertControls() {
  const { muted, notificationPermission, actions } = useConsole();
  const permission = notificationPermission.value;
  return (
    <div class="alert-controls" role="group" aria-label="Alerts">
      <button type="button" class="quiet" aria-pressed={muted.value} onClick={() => actions.setMuted(!muted.value)}>
        {muted.value ? "🔇" : "🔔"} Mute alert sound
      </button>
      {permission === "default" && (
        <button type="button" class="quiet" onClick={() => void actions.requestNotifications()}>
          Enable desktop notifications
        </button>
      )}
      {(permission === "granted" || permission === "denied") && <span class="hint">{PERMISSION_TEXT[permission]}</span>}
    </div>
  );
}

// Alerts while the console tab is hidden: a short sound (unless muted) and a desktop notification (when the browser
// allows them) for a new chat or a new customer message. The decision is pure (`alertFor`); the browser parts — Web
// Audio, the Notification API — sit behind the {@link AlertPort}, so tests drive all of it.
import { signal, type ReadonlySignal } from "@preact/signals";
import type { AgentConversationView, ConversationId, MessageView } from "../../server/protocol/index.js";
import type { StoragePort } from "../../widget/client/storage.js";

/** Whether desktop notifications may be shown: the browser's permission, or `unsupported` without the API. */
export type NotificationPermissionState = "default" | "granted" | "denied" | "unsupported";

/** One alert: what the desktop notification says, and the chat a click opens. */
export interface Alert {
  conversationId: ConversationId;
  /** The notification's title: who (the customer's name), as text. */
  title: string;
  /** The notification's body: what they wrote, as text (at most {@link ALERT_BODY_MAX} characters). */
  body: string;
}

/** The browser's side of alerts (console/alerts.ts); tests pass a fake. */
export interface AlertPort {
  permission(): NotificationPermissionState;
  /** Asks the browser for permission (only ever on the agent's click). */
  requestPermission(): Promise<NotificationPermissionState>;
  /** Shows a desktop notification; `onClick` runs when it is clicked (after the window is focused). */
  show(alert: Alert, onClick: () => void): void;
  /** Plays the short alert sound; never throws. */
  sound(): void;
}

/** What happened that may deserve an alert. */
export type AlertCause =
  /** A chat the console did not hold was assigned to the agent. */
  | { kind: "assigned"; view: AgentConversationView }
  /** A stored message reached a chat the agent holds; `lastSeq` is what the console had counted before it. */
  | { kind: "message"; visitorName: string; lastSeq: number; message: MessageView };

/** Longest notification body. */
export const ALERT_BODY_MAX = 200;
/** The settings key of the mute switch ("off" = muted). */
export const SOUND_SETTING = "parley.console.sound";

function clip(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length > ALERT_BODY_MAX ? `${chars.slice(0, ALERT_BODY_MAX - 1).join("")}…` : chars.join("");
}

/**
 * The alert `cause` deserves, or null: only while the tab is hidden, only for a chat newly assigned or a customer's
 * message not counted before (not the agent's own, a colleague's, a system line, or a repeat after a reconnect).
 */
export function alertFor(cause: AlertCause, pageVisible: boolean): Alert | null {
  if (pageVisible) return null;
  if (cause.kind === "assigned") {
    const { view } = cause;
    if (view.status === "closed") return null;
    const transfer = view.transfer ? `Transferred by ${view.transfer.fromName}${view.transfer.note ? `: ${view.transfer.note}` : ""}` : null;
    const said = view.lastMessage?.author === "visitor" ? view.lastMessage.text : null;
    return { conversationId: view.id, title: `New chat: ${view.visitorName}`, body: clip(transfer ?? said ?? "Waiting for your answer") };
  }
  const { message } = cause;
  if (message.author !== "visitor" || message.seq <= cause.lastSeq) return null;
  return { conversationId: message.conversationId, title: cause.visitorName, body: clip(message.text) };
}

/** The alerts as components read them. */
export interface AlertsModel {
  /** Whether the alert sound is muted (remembered on this device). */
  muted: ReadonlySignal<boolean>;
  /** Whether desktop notifications are allowed. */
  notificationPermission: ReadonlySignal<NotificationPermissionState>;
}

/** What alerts run on. */
export interface AlertsDeps {
  port: AlertPort;
  /** Where the mute switch is remembered (the console's one localStorage port in the browser). */
  settings: StoragePort;
  /** Whether the console tab is visible now. */
  pageVisible(): boolean;
  /** Opens a chat (a click on its notification). */
  open(id: ConversationId): void;
}

/** Alerts: the model part, plus `raise` for the event handlers. */
export interface Alerts extends AlertsModel {
  raise(cause: AlertCause): void;
  setMuted(muted: boolean): void;
  /** Asks the browser for permission to show desktop notifications. */
  requestNotifications(): Promise<void>;
}

/** Creates the alerts. Nothing is asked of the browser until an alert is raised or permission requested. */
export function createAlerts(deps: AlertsDeps): Alerts {
  const muted = signal(deps.settings.get(SOUND_SETTING) === "off");
  const notificationPermission = signal<NotificationPermissionState>(deps.port.permission());
  return {
    muted,
    notificationPermission,
    raise(cause) {
      const alert = alertFor(cause, deps.pageVisible());
      if (!alert) return;
      if (!muted.value) deps.port.sound();
      // The browser may have changed it (site settings) since: ask it each time.
      notificationPermission.value = deps.port.permission();
      if (notificationPermission.value === "granted") deps.port.show(alert, () => deps.open(alert.conversationId));
    },
    setMuted(value) {
      muted.value = value;
      if (value) deps.settings.set(SOUND_SETTING, "off");
      else deps.settings.remove(SOUND_SETTING);
    },
    async requestNotifications() {
      notificationPermission.value = await deps.port.requestPermission();
    },
  };
}

/** Alerts that do nothing (no browser: tests that do not care, or a server-side render). */
export const silentAlertPort: AlertPort = {
  permission: () => "unsupported",
  requestPermission: async () => "unsupported",
  show: () => {},
  sound: () => {},
};

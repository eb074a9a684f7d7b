// The browser's side of the console's alerts: the Notification API and the alert sound (the widget's Web Audio
// chime: no file to download). Thin on purpose; what deserves an alert is decided in model/alerts.ts.
import { chime } from "../widget/app/model/chime.js";
import type { AlertPort, NotificationPermissionState } from "./model/index.js";

const supported = () => typeof Notification === "function";

/** The {@link AlertPort} of a real browser tab. */
export function createBrowserAlerts(): AlertPort {
  return {
    permission: (): NotificationPermissionState => (supported() ? Notification.permission : "unsupported"),
    requestPermission: async (): Promise<NotificationPermissionState> => (supported() ? Notification.requestPermission() : "unsupported"),
    show(alert, onClick) {
      if (!supported()) return;
      try {
        // Title and body are plain text by the API's definition; one notification per chat (the tag) replaces the last.
        const shown = new Notification(alert.title, { body: alert.body, tag: `parley-${alert.conversationId}` });
        shown.onclick = () => {
          window.focus();
          shown.close();
          if (!location.hash.startsWith("#/chats")) location.hash = "#/chats";
          onClick();
        };
      } catch {
        // Some browsers (Chrome on Android) allow notifications only from a service worker: the sound still plays.
      }
    },
    sound: chime,
  };
}

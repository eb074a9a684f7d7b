// The console's status bar: the latest notice of each kind ("New chat from Anna", "Could not close …"), each
// dismissible. It is the last row of the page's layout, its height always kept, so a notice never covers a control
// and never moves the page when it comes or goes.
import { useConsole } from "./use-console.js";

/** The notice bar; one polite live region, so each new notice is announced once. */
export function Notices() {
  const { notices, actions } = useConsole();
  return (
    <div class="notices" role="status" aria-live="polite" aria-label="Notices">
      {notices.value.map((notice) => (
        <p key={notice.id} class={`notice notice--${notice.tone}`}>
          <span>{notice.text}</span>
          <button type="button" class="icon" aria-label="Dismiss notice" onClick={() => actions.dismissNotice(notice.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}

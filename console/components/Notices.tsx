// The console's status bar: the latest notice of each kind ("New chat from Anna", "Could not close …"), each
// dismissible. It is the last row of the page's layout, its height always kept, so a notice never covers a control
// and never moves the page when it comes or goes. News stays while the pointer or the keyboard is in the bar.
import { useConsole } from "./use-console.js";

/** The notice bar; one polite live region, so each new notice is announced once. */
export function Notices() {
  const { notices, actions } = useConsole();
  return (
    <div
      class="notices"
      role="status"
      aria-live="polite"
      aria-label="Notices"
      onMouseEnter={() => actions.holdNotices("pointer", true)}
      onMouseLeave={() => actions.holdNotices("pointer", false)}
      onFocusIn={() => actions.holdNotices("focus", true)}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) actions.holdNotices("focus", false);
      }}
    >
      {notices.value.map((notice) => (
        // Keyed by tone: news replacing news updates the same element, so a keyboard in it stays there.
        <p key={notice.tone} class={`notice notice--${notice.tone}`}>
          <span>{notice.text}</span>
          <button
            type="button"
            class="icon"
            aria-label="Dismiss notice"
            onClick={() => {
              // The button goes with its notice (taking the focus with it, without a focusout in every browser).
              actions.holdNotices("focus", false);
              actions.dismissNotice(notice.id);
            }}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}

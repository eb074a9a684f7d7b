// Short notices for the agent ("New chat from Anna"), each dismissible.
import { useConsole } from "./use-console.js";

/** The notice area; a polite live region, so new notices are announced. */
export function Notices() {
  const { notices, actions } = useConsole();
  return (
    <div class="notices" role="status" aria-live="polite">
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

import { useModel } from "../model/context.js";

/** The title bar: the mute switch for the new-message sound, and the minimise control when the chat is embedded. */
export function Header() {
  const { t, embedded, muted, actions } = useModel();
  return (
    <header class="header">
      <h1 class="header__title">{t.value.title}</h1>
      <div class="header__actions">
        <button type="button" class="icon-button" aria-label={t.value.mute} aria-pressed={muted.value} onClick={() => actions.setMuted(!muted.value)}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            <path d="M4 9h4l5-4v14l-5-4H4z" />
            <path d={muted.value ? "M17 9l5 6M22 9l-5 6" : "M17 8.5a5 5 0 0 1 0 7M19.5 6a8.5 8.5 0 0 1 0 12"} />
          </svg>
        </button>
        {embedded && (
          <button type="button" class="icon-button" aria-label={t.value.minimize} onClick={actions.minimize}>
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
              <path d="M5 12h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
          </button>
        )}
      </div>
    </header>
  );
}

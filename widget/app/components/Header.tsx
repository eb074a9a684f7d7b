import { useModel } from "../model/context.js";

/** The title bar, with the minimise control when the chat is embedded. */
export function Header() {
  const { t, embedded, actions } = useModel();
  return (
    <header class="header">
      <h1 class="header__title">{t.value.title}</h1>
      {embedded && (
        <button type="button" class="icon-button" aria-label={t.value.minimize} onClick={actions.minimize}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M5 12h14" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
        </button>
      )}
    </header>
  );
}

// "Languages and texts" (admins): which languages are offered, the default, each one's fallback and texts, the peak
// windows, and the ticket categories. Saved settings reach the widget without a rebuild.
import { CategoriesForm } from "./CategoriesForm.js";
import { LanguagesForm } from "./LanguagesForm.js";
import { OnlyFor } from "./OnlyFor.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

export function LanguagesPage() {
  const { runtimeSettings: page } = useConsole();
  if (!page.allowed.value) return <OnlyFor title="Languages and texts" who="admins" what="change languages and texts" />;
  const settings = page.settings.value;
  return (
    <main class="page" aria-labelledby="languages-title" aria-busy={page.loading.value}>
      <h2 id="languages-title">Languages and texts</h2>
      <ServerErrorBox error={page.error.value} />
      {settings === null ? (
        page.loading.value && <p class="muted">Loading settings…</p>
      ) : (
        <>
          <LanguagesForm key={`l-${settings.languages.join()}`} settings={settings} />
          <CategoriesForm key={`c-${settings.ticketCategories.join()}`} categories={settings.ticketCategories} />
        </>
      )}
    </main>
  );
}

// Ticket categories, one per line (the ticket form offers them in this order).
import { useSignal } from "@preact/signals";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

export function CategoriesForm({ categories }: { categories: readonly string[] }) {
  const { runtimeSettings: page } = useConsole();
  const text = useSignal(categories.join("\n"));
  return (
    <form
      class="official-form"
      aria-labelledby="categories-title"
      onSubmit={(event) => {
        event.preventDefault();
        void page.actions.saveCategories(text.value);
      }}
    >
      <h3 id="categories-title">Ticket categories</h3>
      <ServerErrorBox error={page.saveErrors.value.categories ?? null} />
      <label for="categories">Categories, one per line</label>
      <textarea id="categories" rows={6} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
      <button type="submit" class="primary" aria-disabled={page.saving.value !== null}>
        Save categories
      </button>
    </form>
  );
}

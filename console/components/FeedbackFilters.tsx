// The feedback filters: a rating step and a date range (UTC days), applied as they change.
import { RATING_WORDS } from "../model/feedback-chart.js";
import type { FeedbackFilters as Filters } from "../model/index.js";
import { useConsole } from "./use-console.js";

function isRating(value: string): value is Filters["rating"] {
  return /^[1-5]?$/.test(value);
}

/** "Rating" select, "From" and "To" dates, and a button that clears them. */
export function FeedbackFilters() {
  const { feedback } = useConsole();
  const filters = feedback.filters.value;
  const set = feedback.actions.setFilters;
  const any = filters.rating !== "" || filters.from !== "" || filters.to !== "";
  return (
    <div class="filters filters--row">
      <span class="field">
        <label for="feedback-rating">Rating</label>
        <select
          id="feedback-rating"
          value={filters.rating}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isRating(value)) void set({ rating: value });
          }}
        >
          <option value="">All ratings</option>
          {RATING_WORDS.map((word, i) => (
            <option key={word} value={String(i + 1)}>
              {word} ({i + 1})
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for="feedback-from">From</label>
        <input id="feedback-from" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => void set({ from: e.currentTarget.value })} />
      </span>
      <span class="field">
        <label for="feedback-to">To</label>
        <input id="feedback-to" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => void set({ to: e.currentTarget.value })} />
      </span>
      <button type="button" class="quiet" disabled={!any} onClick={() => void set({ rating: "", from: "", to: "" })}>
        Clear filters
      </button>
    </div>
  );
}

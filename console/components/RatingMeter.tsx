// A rating drawn as five pips, filled up to the rating and coloured by it; the word beside it says it in text.
import { ratingWord } from "../model/feedback-chart.js";

/** The rating's word ("Good") with a five-pip picture that screen readers skip. */
export function RatingMeter({ rating }: { rating: number }) {
  return (
    <span class={`rating-meter rating-meter--${rating}`}>
      <svg class="pips" viewBox="0 0 64 12" width="64" height="12" aria-hidden="true" focusable="false">
        {[1, 2, 3, 4, 5].map((step) => (
          <rect key={step} x={(step - 1) * 13} y="1" width="10" height="10" rx="2" class={step <= rating ? "pip pip--on" : "pip"} />
        ))}
      </svg>
      <strong>{ratingWord(rating)}</strong>
    </span>
  );
}

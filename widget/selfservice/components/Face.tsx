/** A small face for rating step 1–5, drawn (not an emoji, so it looks the same with every font). */
export function Face({ score }: { score: number }) {
  const curve = (score - 3) * 1.6;
  return (
    <svg class="rating__face" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round">
      <circle cx="12" cy="12" r="10" />
      <circle cx="8.5" cy="9.5" r="0.6" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="0.6" fill="currentColor" />
      <path d={`M7.5 ${15.5 - curve / 2} Q12 ${15.5 + curve} 16.5 ${15.5 - curve / 2}`} />
    </svg>
  );
}

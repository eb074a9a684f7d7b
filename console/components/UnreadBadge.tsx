// The unread count: a number to see, "N unread" to hear.

/** Shows `count` unread messages; nothing when there are none. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span class="badge">
      <span aria-hidden="true">{count > 99 ? "99+" : count}</span>
      <span class="sr-only">{count} unread</span>
    </span>
  );
}

// What a page says to a role that may not use it (the server refuses the requests anyway).

/** A heading and "Only admins can manage agents." */
export function OnlyFor({ title, who, what }: { title: string; who: string; what: string }) {
  return (
    <main class="page" aria-labelledby="only-for-title">
      <h2 id="only-for-title">{title}</h2>
      <p>
        Only {who} can {what}.
      </p>
    </main>
  );
}

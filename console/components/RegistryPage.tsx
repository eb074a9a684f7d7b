// The shape the admin pages share (Agents, Canned responses, Official accounts): a titled page with a sentence about
// it, an add button or form on top, the last error, then "Loading…", an empty-list sentence, or the table of entries.
import type { ComponentChildren } from "preact";
import type { ServerError } from "../model/index.js";
import { ServerErrorBox } from "./ServerErrorBox.js";

/** Props of {@link RegistryPage}. */
export interface RegistryPageProps {
  /** Names the heading's id (`${id}-title`). */
  id: string;
  title: string;
  intro: string;
  loading: boolean;
  error: ServerError | null;
  /** What stands above the table: the add button, or the form. */
  top: ComponentChildren;
  /** How many entries there are; null until loaded. */
  count: number | null;
  loadingText: string;
  /** Shown instead of an empty table; without it an empty list shows the table's head. */
  emptyText?: string;
  /** The table's caption, for screen readers. */
  caption: string;
  /** Column headings; the last column holds each row's actions. */
  columns: readonly string[];
  /** The table's rows. */
  children: ComponentChildren;
}

/** An admin list page. */
export function RegistryPage(props: RegistryPageProps) {
  const { id, count, loading } = props;
  return (
    <main class="page" aria-labelledby={`${id}-title`} aria-busy={loading}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p class="muted">{props.intro}</p>
      {props.top}
      <ServerErrorBox error={props.error} />
      {count === null ? (
        loading && <p class="muted">{props.loadingText}</p>
      ) : count === 0 && props.emptyText ? (
        <p class="muted">{props.emptyText}</p>
      ) : (
        <table class="registry">
          <caption class="sr-only">{props.caption}</caption>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      )}
    </main>
  );
}

/** The "Add …" button while nothing is being edited, else the form (`children`). */
export function AddOrEdit({ editing, label, onAdd, children }: { editing: boolean; label: string; onAdd(): void; children: ComponentChildren }) {
  if (editing) return <>{children}</>;
  return (
    <button type="button" class="primary add-button" onClick={onAdd}>
      {label}
    </button>
  );
}

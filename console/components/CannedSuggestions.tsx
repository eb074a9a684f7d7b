// The listbox of canned responses under the reply box. The box keeps the focus; aria-activedescendant on it
// points at the active option, so screen readers read it as the arrows move.
import type { CannedResponseView } from "../../server/protocol/index.js";

export const SUGGESTIONS_ID = "canned-suggestions";
export const optionId = (index: number) => `canned-option-${index}`;

/** The options; a click inserts one (mousedown is cancelled so the box keeps the focus). */
export function CannedSuggestions({ matches, active, onChoose }: { matches: readonly CannedResponseView[]; active: number; onChoose(response: CannedResponseView): void }) {
  return (
    <ul id={SUGGESTIONS_ID} class="canned-suggestions" role="listbox" aria-label="Canned responses">
      {matches.map((r, i) => (
        <li
          key={r.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          class={i === active ? "canned-option canned-option--active" : "canned-option"}
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(r);
          }}
        >
          <span class="canned-shortcut">/{r.shortcut}</span> <span class="canned-meta">{r.language}{r.scope === "personal" ? ", yours" : ""}</span>{" "}
          <span class="canned-text" dir="auto">
            {r.text}
          </span>
        </li>
      ))}
    </ul>
  );
}

// The reply box's canned-response suggestions: what is offered for the text before the caret, which one is
// active, and the keys that move, insert and dismiss (ArrowUp/ArrowDown, Enter/Tab, Escape).
import { useSignal } from "@preact/signals";
import type { CannedResponseView } from "../../server/protocol/index.js";
import { insertCanned, matchCanned, type CannedQuery } from "../model/canned-match.js";
import { useConsole } from "./use-console.js";

export interface CannedSuggestions {
  query: CannedQuery | null;
  active: number;
  /** Call on every input and caret move. */
  track(box: HTMLTextAreaElement): void;
  /** Handles the key if the suggestions use it; returns whether it did. */
  onKey(event: KeyboardEvent, box: HTMLTextAreaElement): boolean;
  choose(response: CannedResponseView, box: HTMLTextAreaElement): void;
}

export function useCannedSuggestions(text: string, language: string | null, setText: (text: string) => void): CannedSuggestions {
  const { canned } = useConsole();
  const caret = useSignal(0);
  const active = useSignal(0);
  // The "/" the agent dismissed with Escape: no suggestions for it until another "/" is typed.
  const dismissed = useSignal<number | null>(null);
  const found = matchCanned(text, caret.value, canned.responses.value ?? [], language);
  const query = found && found.start !== dismissed.value ? found : null;
  const index = query ? Math.min(active.value, query.matches.length - 1) : 0;

  function choose(response: CannedResponseView, box: HTMLTextAreaElement) {
    if (!query) return;
    const next = insertCanned(text, query, response);
    setText(next.text);
    caret.value = next.caret;
    active.value = 0;
    // After the model re-renders the box with the new text.
    queueMicrotask(() => {
      box.focus();
      box.setSelectionRange(next.caret, next.caret);
    });
  }

  return {
    query,
    active: index,
    track(box) {
      caret.value = box.selectionStart ?? box.value.length;
      if (box.value.slice(0, caret.value).includes("/")) canned.actions.ensure();
      const now = matchCanned(box.value, caret.value, canned.responses.value ?? [], language);
      if (dismissed.value !== null && now?.start !== dismissed.value) dismissed.value = null;
    },
    onKey(event, box) {
      if (!query || event.isComposing) return false;
      const count = query.matches.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") active.value = (index + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") choose(query.matches[index]!, box);
      else if (event.key === "Escape") dismissed.value = query.start;
      else return false;
      event.preventDefault();
      return true;
    },
    choose,
  };
}

// Notices: short texts for the agent ("New chat from Anna"), newest last, a few at most.
import type { ConsoleState, NoticeTone } from "./state.js";

const MAX_NOTICES = 4;
let lastId = 0;

/** Shows a notice; the oldest goes when there are too many. */
export function addNotice(state: ConsoleState, text: string, tone: NoticeTone = "info"): void {
  lastId += 1;
  state.notices.value = [...state.notices.value, { id: lastId, text, tone }].slice(-MAX_NOTICES);
}

/** Hides notice `id`. */
export function dismissNotice(state: ConsoleState, id: number): void {
  state.notices.value = state.notices.value.filter((notice) => notice.id !== id);
}

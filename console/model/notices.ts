// Notices: short texts for the agent ("New chat from Anna", "The widget settings were saved."). One of each tone at a
// time, so they never pile up: a new piece of news replaces the one before and fades after a few seconds; the latest
// error replaces an earlier error and stays until dismissed (news arriving meanwhile does not push it away).
import type { ModelContext } from "./context.js";
import type { ConsoleState, NoticeTone } from "./state.js";

/** How long a piece of news stays. */
export const INFO_NOTICE_MS = 6000;
let lastId = 0;

/** Shows a notice in place of the one of the same tone (the list stays newest last). */
export function addNotice(ctx: ModelContext, text: string, tone: NoticeTone = "info"): void {
  lastId += 1;
  const id = lastId;
  const others = ctx.state.notices.value.filter((notice) => notice.tone !== tone);
  ctx.state.notices.value = [...others, { id, text, tone }];
  if (tone === "info") ctx.timers.setTimeout(() => dismissNotice(ctx.state, id), INFO_NOTICE_MS);
}

/** Hides notice `id`. */
export function dismissNotice(state: ConsoleState, id: number): void {
  if (state.notices.value.some((notice) => notice.id === id)) {
    state.notices.value = state.notices.value.filter((notice) => notice.id !== id);
  }
}

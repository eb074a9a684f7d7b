// Notices: short texts for the agent ("New chat from Anna"), newest last, a few at most. News fades
// after a while; errors stay until dismissed.
import type { ModelContext } from "./context.js";
import type { ConsoleState, NoticeTone } from "./state.js";

const MAX_NOTICES = 4;
/** How long an info notice stays. */
export const INFO_NOTICE_MS = 8000;
let lastId = 0;

/** Shows a notice; the oldest goes when there are too many. */
export function addNotice(ctx: ModelContext, text: string, tone: NoticeTone = "info"): void {
  lastId += 1;
  const id = lastId;
  ctx.state.notices.value = [...ctx.state.notices.value, { id, text, tone }].slice(-MAX_NOTICES);
  if (tone === "info") ctx.timers.setTimeout(() => dismissNotice(ctx.state, id), INFO_NOTICE_MS);
}

/** Hides notice `id`. */
export function dismissNotice(state: ConsoleState, id: number): void {
  if (state.notices.value.some((notice) => notice.id === id)) {
    state.notices.value = state.notices.value.filter((notice) => notice.id !== id);
  }
}

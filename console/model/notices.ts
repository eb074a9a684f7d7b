// Notices: short texts for the agent ("New chat from Anna", "The widget settings were saved."). One of each tone at a
// time, so they never pile up: a new piece of news replaces the one before and fades after a few seconds; the latest
// error replaces an earlier error and stays until dismissed (news arriving meanwhile does not push it away). While the
// pointer is over the notices or the keyboard is in them, news stays (it goes once they are left), so it never
// vanishes under the agent's hand or takes the keyboard focus with it.
import type { ModelContext } from "./context.js";
import type { ConsoleState, NoticeTone } from "./state.js";

/** How long a piece of news stays. */
export const INFO_NOTICE_MS = 6000;
let lastId = 0;

/** Why news is being held (pointer over the bar, focus in it), and the news whose time came meanwhile. */
interface Hold {
  pointer: boolean;
  focus: boolean;
  due: Set<number>;
}
const holds = new WeakMap<ConsoleState, Hold>();
const holdOf = (state: ConsoleState): Hold => {
  const hold = holds.get(state) ?? { pointer: false, focus: false, due: new Set<number>() };
  holds.set(state, hold);
  return hold;
};

/** The time of news `id` came: it goes now, or once the notices are no longer held. */
function expire(state: ConsoleState, id: number): void {
  const hold = holdOf(state);
  if (hold.pointer || hold.focus) hold.due.add(id);
  else dismissNotice(state, id);
}

/** Holds the news on screen while the pointer is over the notices or the focus in them; letting go removes what is due. */
export function holdNotices(state: ConsoleState, by: "pointer" | "focus", held: boolean): void {
  const hold = holdOf(state);
  hold[by] = held;
  if (hold.pointer || hold.focus) return;
  for (const id of hold.due) dismissNotice(state, id);
  hold.due.clear();
}

/** Shows a notice in place of the one of the same tone (the list stays newest last). */
export function addNotice(ctx: ModelContext, text: string, tone: NoticeTone = "info"): void {
  lastId += 1;
  const id = lastId;
  const others = ctx.state.notices.value.filter((notice) => notice.tone !== tone);
  ctx.state.notices.value = [...others, { id, text, tone }];
  if (tone === "info") ctx.timers.setTimeout(() => expire(ctx.state, id), INFO_NOTICE_MS);
}

/** Hides notice `id`. */
export function dismissNotice(state: ConsoleState, id: number): void {
  if (state.notices.value.some((notice) => notice.id === id)) {
    state.notices.value = state.notices.value.filter((notice) => notice.id !== id);
  }
}

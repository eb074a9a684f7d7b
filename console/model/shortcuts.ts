// The console's keyboard shortcuts: which key does what, pure. Single keys act only while the agent is not typing
// (focus outside text fields); the Alt combinations work everywhere, also in the reply box. Alt combinations are read
// from the physical key (`code`), because on a Mac Alt+N types "˜" rather than "n".

/** What a shortcut does. */
export type ShortcutCommand = "next-chat" | "previous-chat" | "focus-reply" | "transfer" | "help";

/** The parts of a keydown event the decision needs. */
export interface KeyPress {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** An input method is composing (the key belongs to it). */
  isComposing: boolean;
}

/** One row of the "Keyboard shortcuts" list. */
export interface ShortcutHelp {
  keys: string[];
  does: string;
}

/** Every shortcut, as the help dialog and the README list them. */
export const SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: ["Alt+↓", "j"], does: "Next chat" },
  { keys: ["Alt+↑", "k"], does: "Previous chat" },
  { keys: ["Alt+R", "r"], does: "Focus the reply box" },
  { keys: ["Enter", "Ctrl+Enter", "⌘+Enter"], does: "Send the reply (in the reply box; Shift+Enter starts a new line)" },
  { keys: ["Alt+T"], does: "Transfer the open chat" },
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["Esc"], does: "Close this list" },
];

const WITH_ALT: Readonly<Record<string, ShortcutCommand>> = {
  ArrowDown: "next-chat",
  ArrowUp: "previous-chat",
  KeyR: "focus-reply",
  KeyT: "transfer",
};

const PLAIN: Readonly<Record<string, ShortcutCommand>> = {
  j: "next-chat",
  k: "previous-chat",
  r: "focus-reply",
  "?": "help",
};

/**
 * Whether a key press in a text box sends what it holds (the reply, a note): Enter, also with Ctrl or ⌘; Shift+Enter
 * starts a new line, and while an input method is composing, Enter confirms the composition instead.
 */
export function sendsText(press: Pick<KeyPress, "key" | "shiftKey" | "isComposing">): boolean {
  return press.key === "Enter" && !press.shiftKey && !press.isComposing;
}

/** The command a key press means, or null (the key is left to the page). `typing`: focus is in a text field. */
export function commandFor(press: KeyPress, typing: boolean): ShortcutCommand | null {
  if (press.isComposing || press.ctrlKey || press.metaKey) return null;
  if (press.altKey) return press.shiftKey ? null : (WITH_ALT[press.code] ?? null);
  if (typing) return null;
  return PLAIN[press.key] ?? null;
}

/**
 * The chat `step` places from `openId` in list order (wrapping around), or null when there is none to go to. With
 * no chat open, "next" is the first and "previous" the last.
 */
export function neighbourChat(ids: readonly string[], openId: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = openId === null ? -1 : ids.indexOf(openId);
  if (at < 0) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  const next = ids[(at + step + ids.length) % ids.length]!;
  return next === openId ? null : next;
}

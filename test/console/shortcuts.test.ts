// Keyboard shortcuts (issue 8): which key does what, never stealing plain keys while the agent types, and which chat
// "next" and "previous" lead to.
import { describe, expect, it } from "vitest";
import { commandFor, neighbourChat, sendsText, type KeyPress } from "../../console/model/shortcuts.js";

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, ...mods });

describe("commandFor", () => {
  it.each([
    ["Alt+↓ while typing", press("ArrowDown", "ArrowDown", { altKey: true }), true, "next-chat"],
    ["Alt+↑", press("ArrowUp", "ArrowUp", { altKey: true }), false, "previous-chat"],
    ["Alt+R as a Mac types it", press("®", "KeyR", { altKey: true }), true, "focus-reply"],
    ["Alt+T", press("†", "KeyT", { altKey: true }), true, "transfer"],
    ["j outside a field", press("j", "KeyJ"), false, "next-chat"],
    ["k outside a field", press("k", "KeyK"), false, "previous-chat"],
    ["r outside a field", press("r", "KeyR"), false, "focus-reply"],
    ["? outside a field", press("?", "Slash", { shiftKey: true }), false, "help"],
    ["j while typing", press("j", "KeyJ"), true, null],
    ["? while typing", press("?", "Slash", { shiftKey: true }), true, null],
    ["Enter (the reply box sends it)", press("Enter", "Enter"), false, null],
    ["Ctrl+Enter", press("Enter", "Enter", { ctrlKey: true }), true, null],
    ["Ctrl+R (reload)", press("r", "KeyR", { ctrlKey: true }), false, null],
    ["Cmd+K", press("k", "KeyK", { metaKey: true }), false, null],
    ["Alt+Shift+↓", press("ArrowDown", "ArrowDown", { altKey: true, shiftKey: true }), true, null],
    ["a key an input method is composing", press("j", "KeyJ", { isComposing: true }), false, null],
    ["Alt+X", press("x", "KeyX", { altKey: true }), false, null],
  ])("%s", (_name, key, typing, expected) => {
    expect(commandFor(key, typing)).toBe(expected);
  });
});

describe("sendsText (the reply box and the note box)", () => {
  it.each([
    ["Enter", press("Enter", "Enter"), true],
    ["Ctrl+Enter", press("Enter", "Enter", { ctrlKey: true }), true],
    ["Cmd+Enter", press("Enter", "Enter", { metaKey: true }), true],
    ["Shift+Enter (a new line)", press("Enter", "Enter", { shiftKey: true }), false],
    ["Enter confirming an input method's composition", press("Enter", "Enter", { isComposing: true }), false],
    ["a letter", press("a", "KeyA"), false],
  ])("%s", (_name, key, expected) => {
    expect(sendsText(key)).toBe(expected);
  });
});

describe("neighbourChat", () => {
  const ids = ["a", "b", "c"];
  it.each([
    ["next", "a", 1, "b"],
    ["previous", "b", -1, "a"],
    ["next after the last wraps", "c", 1, "a"],
    ["previous before the first wraps", "a", -1, "c"],
    ["next with none open: the first", null, 1, "a"],
    ["previous with none open: the last", null, -1, "c"],
    ["an open chat no longer listed: the first", "gone", 1, "a"],
  ] as const)("%s", (_name, open, step, expected) => {
    expect(neighbourChat(ids, open, step)).toBe(expected);
  });

  it("has nowhere to go without chats, or with only the open one", () => {
    expect(neighbourChat([], null, 1)).toBeNull();
    expect(neighbourChat(["a"], "a", 1)).toBeNull();
  });
});

// The console's keyboard shortcuts (model/shortcuts.ts says which key does what) and their "Keyboard shortcuts" list,
// opened with "?" or the header button. Single keys never act while the agent types; the Alt combinations do.
import { useEffect, useRef, useState } from "preact/hooks";
import { commandFor, neighbourChat, SHORTCUTS, type ShortcutCommand } from "../model/index.js";
import { useConsole } from "./use-console.js";

const TEXT_INPUTS = new Set(["text", "search", "email", "password", "url", "tel", "number", "date", "time", "datetime-local", "month", "week"]);

/** Whether keys typed at `target` are text (a text field, a select, an editable element). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

/** The open chat's reply box (or note box, in Note mode). */
const replyBox = () => document.getElementById("reply-text") ?? document.getElementById("note-text");

/** The open chat's "Transfer" button, found by its accessible name; null until the console has one. */
function transferButton(): HTMLButtonElement | null {
  const buttons = document.querySelectorAll<HTMLButtonElement>(".chat button");
  for (const button of buttons) {
    const name = (button.getAttribute("aria-label") ?? button.textContent ?? "").trim();
    if (name === "Transfer" && !button.disabled) return button;
  }
  return null;
}

/** The list of shortcuts, as a modal dialog (made only while shown, so nothing hidden carries its label). */
function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const shown = dialog.current;
    if (shown && !shown.open) shown.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((row) => (
            <tr key={row.does}>
              <td>
                {row.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && " or "}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{row.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">Single keys work when you are not typing in a field; the Alt combinations work everywhere.</p>
      <form method="dialog">
        <button type="submit" class="primary">
          Close
        </button>
      </form>
    </dialog>
  );
}

/** The "Keyboard shortcuts" button and list, and the document's shortcut keys. */
export function KeyboardShortcuts() {
  const { conversations, openId, route, actions } = useConsole();
  const [helpShown, setHelpShown] = useState(false);
  // The listener is added once; it reads the model's signals when a key is pressed.
  const current = useRef({ conversations, openId, route, actions });
  current.current = { conversations, openId, route, actions };

  useEffect(() => {
    const run = (command: ShortcutCommand): boolean => {
      const { conversations: list, openId: open, route: where, actions: act } = current.current;
      switch (command) {
        case "next-chat":
        case "previous-chat": {
          const target = neighbourChat(list.value.map((e) => e.view.id), open.value, command === "next-chat" ? 1 : -1);
          if (target === null) return false;
          if (where.value.section !== "chats") location.hash = "#/chats";
          act.openConversation(target);
          // A closed chat has no reply box: keep the keyboard near the list.
          if (!replyBox()) document.querySelector<HTMLElement>('nav[aria-label="Conversations"] [aria-current="true"]')?.focus();
          return true;
        }
        case "focus-reply": {
          const box = replyBox();
          box?.focus();
          return box !== null;
        }
        case "transfer": {
          const button = transferButton();
          button?.click();
          return button !== null;
        }
        case "help":
          setHelpShown(true);
          return true;
      }
    };
    const onKey = (event: KeyboardEvent) => {
      // Nothing behind a modal dialog (this list, Transfer) reacts to keys.
      if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
      const command = commandFor(event, isTyping(event.target));
      // Alt+↑/↓ in a select opens it: leave that to the select.
      if (!command || (event.target instanceof HTMLSelectElement && event.key.startsWith("Arrow"))) return;
      if (run(command)) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button type="button" class="quiet" aria-haspopup="dialog" onClick={() => setHelpShown(true)}>
        Keyboard shortcuts
      </button>
      {helpShown && <ShortcutsDialog onClose={() => setHelpShown(false)} />}
    </>
  );
}

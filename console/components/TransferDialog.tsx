// The Transfer dialog: choose a colleague who can take the chat now (the others are listed with why they cannot) or
// another language's queue, add a note, and hand the chat over. A native modal <dialog>: the page behind is inert
// (focus stays inside), Escape closes it, and focus goes back to the button that opened it.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ConversationId, TransferBlock, TransferOptionsView } from "../../server/protocol/index.js";
import { languageName, shown } from "../format.js";
import type { TransferTarget } from "../model/index.js";
import { useConsole } from "./use-console.js";

const BLOCK_TEXT: Record<Exclude<TransferBlock, "language" | "full">, string> = {
  offline: "offline",
  away: "away",
  off_shift: "off shift",
};

type Colleague = TransferOptionsView["agents"][number];

/** What Tab stops at inside `root`, in order: of a radio group only its checked radio (or its first, none checked). */
function tabbable(root: HTMLElement): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>("input, textarea, button")].filter((el) => !el.disabled);
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== "radio") return true;
    const group = all.filter((other): other is HTMLInputElement => other instanceof HTMLInputElement && other.type === "radio" && other.name === el.name);
    return group.some((radio) => radio.checked) ? el.checked : group[0] === el;
  });
}

/** Why a colleague cannot take the chat now, in words ("away", "all 3 chats taken"). */
function whyNot(colleague: Colleague, language: string): string {
  const { unavailable } = colleague;
  if (unavailable === "language") return `does not speak ${languageName(language)}`;
  if (unavailable === "full") return `all ${colleague.maxChats} chats taken`;
  return unavailable ? BLOCK_TEXT[unavailable] : `${colleague.openChats} of ${colleague.maxChats} chats`;
}

interface Props {
  conversationId: ConversationId;
  visitorName: string;
  language: string;
  onClose(): void;
}

/** The dialog itself; render it only while it is open. */
export function TransferDialog({ conversationId, visitorName, language, onClose }: Props) {
  const { actions } = useConsole();
  const dialog = useRef<HTMLDialogElement>(null);
  const [options, setOptions] = useState<TransferOptionsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<string>("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => {
      // Closed before it leaves the page: while it is modal the page behind is inert and cannot take focus.
      dialog.current?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    let live = true;
    void actions.transferOptions(conversationId).then((result) => {
      if (!live) return;
      if (result.ok) setOptions(result.options);
      else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [conversationId]);

  function target(): TransferTarget | null {
    const [kind, id] = [choice.slice(0, choice.indexOf(":")), choice.slice(choice.indexOf(":") + 1)];
    if (kind === "agent") {
      const colleague = options?.agents.find((a) => a.id === id);
      return colleague ? { agentId: colleague.id, name: colleague.name } : null;
    }
    if (kind === "queue") return { language: id, name: languageName(id) };
    return null;
  }

  async function submit() {
    const to = target();
    if (!to || busy) {
      setError(to ? null : "Choose a colleague or a queue.");
      return;
    }
    setBusy(true);
    setError(null);
    const failed = await actions.transfer(conversationId, visitorName, to, note);
    setBusy(false);
    if (failed) setError(failed);
    else onClose();
  }

  const available = options?.agents.filter((a) => a.unavailable === null) ?? [];
  const unavailable = options?.agents.filter((a) => a.unavailable !== null) ?? [];

  return (
    <dialog
      ref={dialog}
      class="transfer-dialog"
      aria-labelledby="transfer-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        // Tab cycles inside the dialog (a modal dialog alone would let it reach the browser's own controls).
        if (event.key !== "Tab" || !dialog.current) return;
        const focusable = tabbable(dialog.current);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (!first || !last) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id="transfer-title">
          Transfer the chat with <bdi>{shown(visitorName)}</bdi>
        </h2>
        {!options && !loadError && <p role="status">Loading who can take it…</p>}
        {loadError && <p role="alert" class="form-error">{loadError}</p>}
        {options && (
          <>
            <fieldset>
              <legend>To a colleague</legend>
              {available.length === 0 && <p class="muted">Nobody can take it right now.</p>}
              {[...available, ...unavailable].map((colleague) => (
                <div class="choice" key={colleague.id}>
                  <input
                    type="radio"
                    name="transfer-target"
                    id={`to-agent-${colleague.id}`}
                    value={`agent:${colleague.id}`}
                    checked={choice === `agent:${colleague.id}`}
                    disabled={colleague.unavailable !== null}
                    aria-describedby={`why-${colleague.id}`}
                    onChange={() => setChoice(`agent:${colleague.id}`)}
                  />
                  <label for={`to-agent-${colleague.id}`}>
                    <bdi>{shown(colleague.name)}</bdi>
                  </label>{" "}
                  <span id={`why-${colleague.id}`} class={colleague.unavailable ? "why-not" : "muted"}>
                    ({colleague.unavailable ? "cannot take it: " : ""}
                    {whyNot(colleague, language)})
                  </span>
                </div>
              ))}
            </fieldset>
            {options.queues.length > 0 && (
              <fieldset>
                <legend>To another language's queue</legend>
                {options.queues.map((queue) => (
                  <div class="choice" key={queue.language}>
                    <input
                      type="radio"
                      name="transfer-target"
                      id={`to-queue-${queue.language}`}
                      value={`queue:${queue.language}`}
                      checked={choice === `queue:${queue.language}`}
                      aria-describedby={`queue-${queue.language}`}
                      onChange={() => setChoice(`queue:${queue.language}`)}
                    />
                    <label for={`to-queue-${queue.language}`}>{languageName(queue.language)} queue</label>{" "}
                    <span id={`queue-${queue.language}`} class="muted">
                      ({queue.waiting} waiting, {queue.agentsAvailable} {queue.agentsAvailable === 1 ? "agent" : "agents"} available)
                    </span>
                  </div>
                ))}
              </fieldset>
            )}
          </>
        )}
        <label for="transfer-note">Note for the colleague (optional)</label>
        <textarea id="transfer-note" rows={3} maxLength={1000} dir="auto" value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        <p class="hint">The note is kept as an internal note; the customer is told they are being transferred.</p>
        {error && (
          <p role="alert" class="form-error">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="submit" class="primary" disabled={busy || !options}>
            Hand over
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The "Transfer" button (or another label, e.g. "Reassign" on the board) and the dialog it opens. */
export function TransferButton({ conversationId, visitorName, language, label = "Transfer", accessibleName }: Omit<Props, "onClose"> & { label?: string; accessibleName?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-label={accessibleName} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && <TransferDialog conversationId={conversationId} visitorName={visitorName} language={language} onClose={() => setOpen(false)} />}
    </>
  );
}

// One registered account, with "Remove <handle>" and then a confirm step (the focus follows each step).
import { useEffect, useRef } from "preact/hooks";
import type { OfficialAccountView } from "../../server/protocol/index.js";
import { formatDate } from "../format.js";
import { useConsole } from "./use-console.js";

/** A registry row. */
export function OfficialRow({ account, channelName }: { account: OfficialAccountView; channelName: string }) {
  const { officials } = useConsole();
  const confirming = officials.confirmingRemoval.value === account.id;
  const focusTarget = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (!asked.current) {
      asked.current = true;
      return;
    }
    // To the confirm button when asked; back to Remove when the focused confirm step went away (Cancel).
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (confirming || lost) focusTarget.current?.focus();
  }, [confirming]);
  const handle = <span class="sr-only"> {account.handle}</span>;
  return (
    <tr>
      <td>{channelName}</td>
      <td>
        <bdi class="handle">{account.handle}</bdi>
      </td>
      <td dir="auto">{account.note ?? ""}</td>
      <td>
        <time dateTime={new Date(account.createdAt).toISOString()}>{formatDate(account.createdAt)}</time>
      </td>
      <td class="row-actions">
        {confirming ? (
          <>
            <button ref={focusTarget} type="button" class="danger" onClick={() => void officials.actions.confirmRemoval()}>
              Yes, remove{handle}
            </button>
            <button type="button" class="quiet" onClick={() => officials.actions.askRemoval(null)}>
              Cancel
            </button>
          </>
        ) : (
          <button ref={focusTarget} type="button" class="danger" onClick={() => officials.actions.askRemoval(account.id)}>
            Remove{handle}
          </button>
        )}
      </td>
    </tr>
  );
}

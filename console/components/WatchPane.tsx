// A conversation a supervisor follows silently from the board: read-only, its messages and notes arriving live; the
// customer is not told. "Take over" makes it theirs; "Stop watching" closes the pane.
import type { ChatEntry } from "../model/index.js";
import { shown } from "../format.js";
import { Transcript } from "./Transcript.js";
import { useConsole } from "./use-console.js";

export function WatchPane({ entry, onTakeOver }: { entry: ChatEntry; onTakeOver(id: string): void }) {
  const { actions } = useConsole();
  const name = shown(entry.view.visitorName);
  return (
    <section class="watch-pane chat" aria-labelledby="watch-title">
      <header class="chat-head">
        <h3 id="watch-title">
          Watching the chat with <bdi>{name}</bdi> (read-only)
        </h3>
        <div class="chat-actions">
          <button type="button" onClick={() => onTakeOver(entry.view.id)}>
            Take over
          </button>
          <button type="button" onClick={() => void actions.stopWatching()}>
            Stop watching
          </button>
        </div>
      </header>
      <Transcript key={entry.view.id} entry={entry} />
    </section>
  );
}

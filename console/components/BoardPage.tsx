// "Board" (supervisors, admins): the live board — per language and per agent — pushed by the server while the page is
// open (subscribed on entering, unsubscribed on leaving; no polling), and what a supervisor does from it: watch a
// conversation silently, take it over, or reassign it to a colleague; give a waiting customer to a colleague or oneself.
import { useEffect, useState } from "preact/hooks";
import { formatTime } from "../format.js";
import { mayUse } from "../model/route.js";
import { BoardQueueTable } from "./BoardQueueTable.js";
import { BoardAgentsTable, BoardLanguagesTable } from "./BoardTables.js";
import { OnlyFor } from "./OnlyFor.js";
import { useConsole } from "./use-console.js";
import { WatchPane } from "./WatchPane.js";

export function BoardPage() {
  const { agent } = useConsole();
  if (!mayUse(agent.value?.role, "board")) return <OnlyFor title="Board" who="supervisors and admins" what="see the board" />;
  return <LiveBoard />;
}

function LiveBoard() {
  const { board, boardError, watched, actions, agent } = useConsole();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void actions.watchBoard();
    return () => void actions.unwatchBoard();
  }, []);

  async function run(action: Promise<string | null>, then?: () => void) {
    setError(null);
    const failed = await action;
    if (failed) setError(failed);
    else then?.();
  }

  const handlers = {
    assign: (id: string, agentId: string, epoch: number) =>
      void run(actions.assign(id, agentId, epoch), () => {
        if (agentId !== agent.value?.id) return;
        actions.openConversation(id);
        location.hash = "#/chats";
      }),
    watch: (id: string) => void run(actions.watchConversation(id)),
    takeOver: (id: string) =>
      void run(actions.takeOver(id), () => {
        actions.openConversation(id);
        location.hash = "#/chats";
      }),
  };

  const data = board.value;
  return (
    <main class="page board" aria-labelledby="board-title" aria-busy={data === null && boardError.value === null}>
      <h2 id="board-title">Board</h2>
      {boardError.value && (
        <p role="alert" class="form-error">
          {boardError.value}
        </p>
      )}
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
      {data === null ? (
        !boardError.value && <p class="muted">Loading the board…</p>
      ) : (
        <>
          <p class="muted">
            Live: the server sends every change (at most once a second). Updated at <time dateTime={new Date(data.generatedAt).toISOString()}>{formatTime(data.generatedAt)}</time>.
          </p>
          <BoardLanguagesTable languages={data.languages} />
          <BoardQueueTable languages={data.languages} agents={data.agents} selfId={agent.value?.id ?? null} onWatch={handlers.watch} onAssign={handlers.assign} />
          <BoardAgentsTable agents={data.agents} onWatch={handlers.watch} onTakeOver={handlers.takeOver} />
        </>
      )}
      {watched.value && <WatchPane entry={watched.value} onTakeOver={handlers.takeOver} />}
    </main>
  );
}

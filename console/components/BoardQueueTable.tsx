// The board's waiting customers: each one (name, language, how long they have waited, their first words as text), to
// watch silently or assign to a colleague who can take it (or to oneself) with `conversation:assign`.
import { useState } from "preact/hooks";
import type { BoardAgentView, BoardLanguageView, BoardQueuedView } from "../../server/protocol/index.js";
import { languageName, shown } from "../format.js";
import { durationText } from "./BoardTables.js";
import { useNow } from "./use-now.js";

interface Props {
  languages: BoardLanguageView[];
  agents: BoardAgentView[];
  selfId: string | null;
  onWatch(id: string): void;
  onAssign(id: string, agentId: string, epoch: number): void;
}

/** Colleagues who could be given a chat in `language` (connected, Online, on shift); the supervisor decides the load. */
function candidates(agents: BoardAgentView[], language: string, selfId: string | null): BoardAgentView[] {
  return agents.filter((a) => a.id !== selfId && a.connected && a.status === "online" && a.onShift && a.languages.includes(language));
}

export function BoardQueueTable({ languages, agents, selfId, onWatch, onAssign }: Props) {
  const now = useNow(5_000);
  const rows = languages.flatMap((l) => l.queued.map((q) => ({ q, language: l.language })));
  return (
    <div class="table-scroll" role="region" aria-label="Waiting customers" tabIndex={0}>
      <table class="registry board-table">
        <caption>Waiting customers</caption>
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Language</th>
            <th scope="col">Waiting</th>
            <th scope="col">First words</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} class="muted">
                Nobody is waiting.
              </td>
            </tr>
          ) : (
            rows.map(({ q, language }) => (
              <QueuedRow key={q.id} q={q} language={language} now={now} agents={candidates(agents, language, selfId)} selfId={selfId} onWatch={onWatch} onAssign={onAssign} />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  q: BoardQueuedView;
  language: string;
  now: number;
  agents: BoardAgentView[];
  selfId: string | null;
  onWatch(id: string): void;
  onAssign(id: string, agentId: string, epoch: number): void;
}

function QueuedRow({ q, language, now, agents, selfId, onWatch, onAssign }: RowProps) {
  const [to, setTo] = useState(selfId ?? "");
  const name = shown(q.visitorName);
  const selectId = `assign-${q.id}`;
  return (
    <tr>
      <th scope="row">
        <bdi>{name}</bdi>
      </th>
      <td>{languageName(language)}</td>
      <td>{durationText(Math.max(0, now - q.queuedAt) / 1000)}</td>
      <td>{q.preview === null ? <span class="muted">—</span> : <bdi class="board-preview">{q.preview}</bdi>}</td>
      <td>
        <button type="button" aria-label={`Watch the chat with ${name}`} onClick={() => onWatch(q.id)}>
          Watch
        </button>{" "}
        <label for={selectId} class="sr-only">{`Assign the chat with ${name} to`}</label>
        <select id={selectId} value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
          {selfId && <option value={selfId}>Me</option>}
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {`${shown(a.name)} (${a.openChats} of ${a.maxChats})`}
            </option>
          ))}
        </select>{" "}
        <button type="button" aria-label={`Assign the chat with ${name}`} disabled={!to} onClick={() => onAssign(q.id, to, q.epoch)}>
          Assign
        </button>
      </td>
    </tr>
  );
}

// The board's two tables: languages (waiting, longest wait, the estimate a newcomer sees, agents available and their
// load; peak, closed, or closing: the last shift ends before a newcomer's turn) and agents (status, shift, open chats, with Watch / Take over / Reassign per conversation).
import type { BoardAgentView, BoardLanguageView } from "../../server/protocol/index.js";
import { languageName, shown } from "../format.js";
import { TransferButton } from "./TransferDialog.js";

/** "45 s", "3 min", "1 h 5 min". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function estimateText(l: BoardLanguageView): string {
  if (!l.open || l.etaSeconds === null) return "closed";
  if (l.etaSeconds === 0 && (!l.etaRange || l.etaRange[1] === 0)) return "now";
  const range = l.etaRange ? ` (${durationText(l.etaRange[0])}–${durationText(l.etaRange[1])})` : "";
  return `${durationText(l.etaSeconds)}${range}`;
}

/** Each table scrolls sideways on a narrow screen: its box is focusable, so the keyboard can scroll it too. */
export function BoardLanguagesTable({ languages }: { languages: BoardLanguageView[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Queues by language" tabIndex={0}>
      <table class="registry board-table">
        <caption>Queues by language</caption>
        <thead>
          <tr>
            <th scope="col">Language</th>
            <th scope="col">Waiting</th>
            <th scope="col">Longest wait</th>
            <th scope="col">Estimate for a newcomer</th>
            <th scope="col">Agents available</th>
            <th scope="col">Load</th>
            <th scope="col">Hours</th>
          </tr>
        </thead>
        <tbody>
          {languages.map((l) => (
            <tr key={l.language}>
              <th scope="row">{languageName(l.language)}</th>
              <td>{l.waiting}</td>
              <td>{l.waiting > 0 ? durationText(l.longestWaitS) : "—"}</td>
              <td>{estimateText(l)}</td>
              <td>{l.agentsAvailable}</td>
              <td>
                {l.load} of {l.capacity} chats
              </td>
              <td class={l.open ? (l.peak ? "board-peak" : undefined) : "board-closed"}>{l.open ? (l.peak ? "Peak" : "Open") : l.closing ? "Closing" : "Closed"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STATUS_TEXT = { online: "Online", away: "Away", offline: "Offline" } as const;

interface AgentsProps {
  agents: BoardAgentView[];
  onWatch(id: string): void;
  onTakeOver(id: string): void;
}

export function BoardAgentsTable({ agents, onWatch, onTakeOver }: AgentsProps) {
  return (
    <div class="table-scroll" role="region" aria-label="Agents" tabIndex={0}>
      <table class="registry board-table">
        <caption>Agents</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col">Shift</th>
            <th scope="col">Languages</th>
            <th scope="col">Open chats</th>
            <th scope="col">Conversations</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <bdi>{shown(a.name)}</bdi>
                {a.role !== "agent" && <span class="muted"> ({a.role})</span>}
              </th>
              <td>{a.connected ? STATUS_TEXT[a.status] : "Signed out"}</td>
              <td>
                {a.onShift ? "On shift" : "Off shift"}
                {a.shifts.length > 0 && (
                  <span class="muted">
                    {" "}
                    ({a.shifts.join(", ")}, {a.timeZone})
                  </span>
                )}
              </td>
              <td>{a.languages.map(languageName).join(", ")}</td>
              <td>
                {a.openChats} of {a.maxChats}
              </td>
              <td>
                {a.conversations.length === 0 ? (
                  <span class="muted">none</span>
                ) : (
                  <ul class="board-chats">
                    {a.conversations.map((c) => (
                      <li key={c.id}>
                        <bdi>{shown(c.visitorName)}</bdi> <span class="muted">({languageName(c.language)})</span>{" "}
                        <button type="button" aria-label={`Watch the chat with ${shown(c.visitorName)}`} onClick={() => onWatch(c.id)}>
                          Watch
                        </button>{" "}
                        <button type="button" aria-label={`Take over the chat with ${shown(c.visitorName)}`} onClick={() => onTakeOver(c.id)}>
                          Take over
                        </button>{" "}
                        <TransferButton
                          conversationId={c.id}
                          visitorName={c.visitorName}
                          language={c.language}
                          label="Reassign"
                          accessibleName={`Reassign the chat with ${shown(c.visitorName)}`}
                        />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

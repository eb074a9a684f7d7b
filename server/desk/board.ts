// The supervisors' live board: per language (waiting, longest wait, the estimate a newcomer sees, agents available and
// their load, peak or closed) and per agent (status, shift, open chats). Pushed to the supervisors watching it when it
// changes, at most about once a second; nothing is computed while nobody watches.
import type { AgentId } from "../protocol/ids.js";
import type { BoardAgentView, BoardLanguageView, BoardView } from "../protocol/views.js";
import type { DeskCore } from "./core.js";
import { accepting, scheduleOf, standingAt } from "./estimates.js";
import { onShift } from "../domain/schedule.js";

const PUSH_EVERY_MS = 1000;

export function createBoard(core: DeskCore) {
  const { config, queues, agents } = core;
  const watching = new Set<AgentId>();
  let lastKey = "";
  let stop: (() => void) | null = null;

  function build(): BoardView {
    const now = core.now();
    const ctx = core.context();
    const languages = config.languages.map((language): BoardLanguageView => {
      const line = queues.line(language);
      const standing = standingAt(ctx, config, language, line.length + 1, line.length, core.history(language));
      let agentsAvailable = 0;
      let load = 0;
      let capacity = 0;
      for (const a of agents.values()) {
        if (!a.record.languages.includes(language)) continue;
        if (accepting(a, now)) agentsAvailable++;
        if (a.sockets > 0) {
          load += a.assigned.size;
          capacity += a.record.maxChats;
        }
      }
      const queued = line.flatMap((w) => {
        const c = core.open.get(w.id);
        return c ? [{ id: c.id, visitorName: c.visitorName, queuedAt: c.queuedAt, preview: core.firstWords.get(c.id) ?? null, epoch: c.epoch }] : [];
      });
      const longest = queued.reduce((max, q) => Math.max(max, now - q.queuedAt), 0);
      return {
        language,
        waiting: line.length,
        longestWaitS: Math.round(longest / 1000),
        etaSeconds: standing.etaSeconds,
        etaRange: standing.etaRange,
        agentsAvailable,
        load,
        capacity,
        peak: standing.peak,
        open: standing.open,
        closing: standing.closing,
        queued,
      };
    });
    const agentViews = [...agents.values()]
      .map((a): BoardAgentView => ({
        id: a.record.id,
        name: a.record.name,
        role: a.record.role,
        languages: [...a.record.languages],
        status: a.status,
        connected: a.sockets > 0,
        onShift: onShift(scheduleOf(a.record), now),
        shifts: [...(a.record.shifts ?? [])],
        timeZone: a.record.timeZone ?? "UTC",
        openChats: a.assigned.size,
        maxChats: a.record.maxChats,
        conversations: [...a.assigned].flatMap((id) => {
          const c = core.open.get(id);
          return c ? [{ id, visitorName: c.visitorName, language: c.language }] : [];
        }),
      }))
      .sort((x, y) => Number(y.connected) - Number(x.connected) || x.name.localeCompare(y.name));
    return { languages, agents: agentViews, generatedAt: now };
  }

  const keyOf = (board: BoardView) => JSON.stringify({ ...board, generatedAt: 0 });

  function loop() {
    stop = core.schedule(PUSH_EVERY_MS, () => {
      if (watching.size === 0) return void (stop = null);
      // A board that cannot be built this time (say a time zone this runtime does not know) is logged; the timer goes on.
      try {
        const board = build();
        const key = keyOf(board);
        if (key !== lastKey) {
          lastKey = key;
          core.publish([{ type: "board.updated", agentIds: [...watching], board }]);
        }
      } catch (err) {
        core.logger.error({ err }, "the board could not be built");
      }
      loop();
    });
  }

  return {
    build,
    /** Starts or stops pushing the board to a supervisor; starting answers the board as it is now. */
    watch(agentId: AgentId, on: boolean): BoardView | null {
      if (!on) {
        watching.delete(agentId);
        return null;
      }
      watching.add(agentId);
      const board = build();
      lastKey = keyOf(board);
      if (!stop) loop();
      return board;
    },
    /** The supervisor's last socket went. */
    forget: (agentId: AgentId) => void watching.delete(agentId),
    stop() {
      stop?.();
      stop = null;
      watching.clear();
    },
  };
}

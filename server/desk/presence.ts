// Agent presence: sockets counted per account (two tabs are one presence), Status, and the grace period
// after the last socket goes before the agent's chats are handed back.
import type { AgentId } from "../protocol/ids.js";
import type { AgentStatus } from "../protocol/views.js";
import type { AgentRecord } from "../store/port.js";
import type { AgentState } from "./agent-state.js";
import type { DeskCore } from "./core.js";
import type { Effects } from "./effects.js";
import { agentSelfView } from "./views.js";

export function createPresence(core: DeskCore) {
  const { agents, serial, config, logger } = core;

  function stateFor(record: AgentRecord): AgentState {
    let state = agents.get(record.id);
    if (!state) {
      // Agents sign in Online; supervisors and admins sign in Away, so looking at the board never hands them chats.
      state = { record, sockets: 0, status: record.role === "agent" ? "online" : "away", idleSince: 0, cancelGrace: null, assigned: new Set() };
      agents.set(record.id, state);
    }
    return state;
  }

  /** Starts the grace period: if nobody comes back in time, the agent's chats go back to the queue. */
  function startGrace(state: AgentState, ms = config.agentGraceMs) {
    state.cancelGrace?.();
    state.cancelGrace = core.schedule(ms, () => {
      state.cancelGrace = null;
      void core.background("requeue after grace", async (fx) => {
        if (state.sockets > 0) return;
        logger.info({ agentId: state.record.id }, "agent grace period over: handing chats back");
        await core.requeueAll(fx, state.record.id, "requeued");
        await core.drain(fx);
      });
    });
  }

  return {
    stateFor,
    startGrace,
    /** A socket of this agent connected: the agent's own state, and what the connection set in motion. */
    connected: (record: AgentRecord) =>
      serial.run(async () => {
        const state = stateFor(record);
        state.record = record;
        state.sockets++;
        state.cancelGrace?.();
        state.cancelGrace = null;
        if (state.sockets === 1 && state.idleSince === 0) state.idleSince = core.now();
        const fx: Effects = [];
        await core.drain(fx);
        return { self: agentSelfView(state.record, state.status), effects: fx };
      }),
    /** A socket of this agent disconnected. */
    disconnected: (agentId: AgentId) =>
      serial.run(async () => {
        const state = agents.get(agentId);
        if (!state) return;
        state.sockets = Math.max(0, state.sockets - 1);
        if (state.sockets === 0) startGrace(state);
      }),
    /** Online takes new chats; Away keeps current ones; Offline hands them back at once. Null when the account is gone. */
    setStatus: (agentId: AgentId, status: AgentStatus) =>
      serial.run(async () => {
        const state = agents.get(agentId);
        if (!state) return null;
        await core.memory?.saveStatus(agentId, status);
        state.status = status;
        const fx: Effects = [];
        if (status === "offline") await core.requeueAll(fx, agentId, "requeued");
        await core.drain(fx);
        const self = agentSelfView(state.record, state.status);
        fx.push({ type: "agent.updated", agentId, view: self });
        return { self, effects: fx };
      }),
  };
}

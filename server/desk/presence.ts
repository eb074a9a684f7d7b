// Agent presence: sockets counted per account (two tabs are one presence), Status, and the grace period
// after the last socket goes before the agent's chats are handed back.
import type { AgentId } from "../protocol/ids.js";
import type { AgentStatus } from "../protocol/views.js";
import type { AgentRecord } from "../store/port.js";
import type { AgentState, DeskCore } from "./core.js";

export function createPresence(core: DeskCore) {
  const { agents, serial, config, logger } = core;

  function stateFor(record: AgentRecord): AgentState {
    let state = agents.get(record.id);
    if (!state) {
      state = { record, sockets: 0, status: "online", idleSince: 0, cancelGrace: null, assigned: new Set() };
      agents.set(record.id, state);
    }
    return state;
  }

  /** Starts the grace period: if nobody comes back in time, the agent's chats go back to the queue. */
  function startGrace(state: AgentState) {
    state.cancelGrace?.();
    state.cancelGrace = core.schedule(config.agentGraceMs, () => {
      state.cancelGrace = null;
      void serial
        .run(async () => {
          if (state.sockets > 0) return;
          logger.info({ agentId: state.record.id }, "agent grace period over: handing chats back");
          await core.requeueAll(state.record.id, "requeued");
          await core.drain();
        })
        .catch((err) => logger.error({ err }, "requeue after grace failed"));
    });
  }

  return {
    stateFor,
    startGrace,
    /** A socket of this agent connected. */
    connected: (record: AgentRecord) =>
      serial.run(async () => {
        const state = stateFor(record);
        state.record = record;
        state.sockets++;
        state.cancelGrace?.();
        state.cancelGrace = null;
        if (state.sockets === 1 && state.idleSince === 0) state.idleSince = core.now();
        await core.drain();
        return state;
      }),
    /** A socket of this agent disconnected. */
    disconnected: (agentId: AgentId) =>
      serial.run(async () => {
        const state = agents.get(agentId);
        if (!state) return;
        state.sockets = Math.max(0, state.sockets - 1);
        if (state.sockets === 0) startGrace(state);
      }),
    /** Online takes new chats; Away keeps current ones; Offline hands them back at once. */
    setStatus: (agentId: AgentId, status: AgentStatus) =>
      serial.run(async () => {
        const state = agents.get(agentId);
        if (!state) return null;
        state.status = status;
        if (status === "offline") await core.requeueAll(agentId, "requeued");
        await core.drain();
        return state;
      }),
  };
}

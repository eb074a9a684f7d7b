// Start-up recovery and picking up agent changes made with the `parley` command.
import type { DeskCore } from "./core.js";
import type { createPresence } from "./presence.js";
import { agentSelfView } from "./views.js";

/** How often shift starts and ends are acted on and waiting customers' estimates refreshed. */
export const TICK_MS = 15_000;

export function createLifecycle(core: DeskCore, presence: ReturnType<typeof createPresence>) {
  const { store, agents, queues, open, logger } = core;
  let agentsVersion = "";
  let stopTick: (() => void) | null = null;

  // Shifts start and end with the clock, not with events: serve the backlog and refresh estimates on a tick.
  const tick = () => {
    stopTick = core.schedule(TICK_MS, () => {
      void core
        .background("queue tick", async (fx) => {
          await core.drain(fx);
          await core.announceQueues(fx);
        })
        .finally(() => stopTick && tick());
    });
  };

  /** Rebuilds queues and assignments from the store; agents who had chats get the grace period to come back. */
  const start = () =>
    core.publishing(async (fx) => {
      // Statuses an earlier desk recorded (cluster): an agent who was Away is still Away after the desk moved.
      const statuses = await core.recall();
      for (const record of await store.agents.list()) {
        const state = presence.stateFor(record);
        state.status = statuses.get(record.id) ?? state.status;
      }
      agentsVersion = await store.agents.version();
      for (const c of await store.conversations.listOpen()) {
        core.remember(c);
        core.noteQueuedAt(c.queuedAt);
        if (c.status === "queued") queues.enqueue(c);
        else if (c.assigneeId && agents.has(c.assigneeId)) agents.get(c.assigneeId)!.assigned.add(c.id);
      }
      for (const c of [...open.values()]) {
        if (c.status === "assigned" && (!c.assigneeId || !agents.has(c.assigneeId))) await core.requeueAll(fx, c.assigneeId ?? "", "removed");
      }
      // Nobody is connected to a desk that just started: agents with chats get the grace period to come back (on a
      // cluster at least a node heartbeat's time, for the nodes to report the agents they hold).
      for (const state of agents.values()) if (state.assigned.size > 0) presence.startGrace(state, core.startGraceMs);
      tick();
      logger.info({ queued: queues.size(), open: open.size, agents: agents.size }, "desk started");
    });

  /** Applies agent changes (added, updated, removed) made by another process. Cheap when nothing changed. */
  const syncAgents = async () => {
    const version = await store.agents.version();
    if (version === agentsVersion) return;
    await core.publishing(async (fx) => {
      agentsVersion = version;
      const records = await store.agents.list();
      const seen = new Set<string>();
      for (const record of records) {
        seen.add(record.id);
        const state = presence.stateFor(record);
        const passwordChanged = state.record.passwordHash !== record.passwordHash;
        state.record = record;
        // A new password ends every session, so the open sockets go too (they cannot reconnect with the old cookie).
        if (passwordChanged && state.sockets > 0) fx.push({ type: "agent.disconnect", agentId: record.id });
        else if (state.sockets > 0) fx.push({ type: "agent.updated", agentId: record.id, view: agentSelfView(record, state.status) });
      }
      for (const [id, state] of agents) {
        if (seen.has(id)) continue;
        logger.info({ agentId: id }, "agent removed: disconnecting and handing chats back");
        state.cancelGrace?.();
        fx.push({ type: "agent.disconnect", agentId: id });
        await core.requeueAll(fx, id, "removed");
        agents.delete(id);
      }
      await core.drain(fx);
    });
  };

  const stop = () => {
    stopTick?.();
    stopTick = null;
  };

  return { start, stop, syncAgents };
}

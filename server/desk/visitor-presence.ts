// Customers' presence: open sockets per visitor. A waiting customer who has had no socket for QUEUE_ABANDON_SECONDS
// closed the page: their chat ends as abandoned and leaves the line (a "ghost" never reaches an agent or pushes real
// customers back), and the abandonment feeds the estimates. After a restart nobody is connected yet, so every waiting
// customer gets the same allowance from the moment the desk started.
import type { VisitorId } from "../protocol/ids.js";
import { closeConversation } from "./close.js";
import type { DeskCore } from "./core.js";

/** How often waiting customers are checked: often enough to be within a quarter of the allowance, at most every 15 s. */
const sweepEvery = (abandonMs: number) => Math.min(15_000, Math.max(250, Math.round(abandonMs / 4)));

export function createVisitorPresence(core: DeskCore) {
  const { config, logger } = core;
  const sockets = new Map<VisitorId, number>();
  /** When each visitor's last socket went (absent: connected now, or not seen since the desk started). */
  const goneSince = new Map<VisitorId, number>();
  let startedAt = 0;
  let stopSweep: (() => void) | null = null;

  const absentFor = (visitorId: VisitorId, now: number) => (sockets.get(visitorId) ? 0 : now - (goneSince.get(visitorId) ?? startedAt));

  /** Ends every waiting conversation whose customer has been gone too long. */
  const sweep = () =>
    core.background("queue abandonment sweep", async (fx) => {
      const now = core.now();
      for (const language of core.queues.languages()) {
        for (const waiting of core.queues.line(language)) {
          const c = core.open.get(waiting.id);
          if (!c || c.status !== "queued" || absentFor(c.visitorId, now) < config.queueAbandonMs) continue;
          logger.info({ conversationId: c.id, language }, "waiting customer left: conversation abandoned");
          await closeConversation(core, fx, c, "system");
          goneSince.delete(c.visitorId);
        }
      }
      // Everyone gone longer than the allowance is forgotten (else every visitor who ever left stays in memory): absent
      // from the map, they count as gone since the desk started, which is earlier, so nothing about them changes.
      for (const [visitorId, since] of goneSince) if (now - since >= config.queueAbandonMs) goneSince.delete(visitorId);
    });

  const loop = () => {
    stopSweep = core.schedule(sweepEvery(config.queueAbandonMs), () => {
      void sweep().finally(() => stopSweep && loop());
    });
  };

  return {
    start() {
      startedAt = core.now();
      loop();
    },
    stop() {
      stopSweep?.();
      stopSweep = null;
    },
    /** Open sockets of this visitor now. */
    count: (visitorId: VisitorId) => sockets.get(visitorId) ?? 0,
    /** How many visitors are remembered (connected, or gone for less than the allowance): bounded by who is around. */
    remembered: () => sockets.size + goneSince.size,
    connected(visitorId: VisitorId) {
      sockets.set(visitorId, (sockets.get(visitorId) ?? 0) + 1);
      goneSince.delete(visitorId);
    },
    disconnected(visitorId: VisitorId) {
      const left = (sockets.get(visitorId) ?? 1) - 1;
      if (left > 0) return void sockets.set(visitorId, left);
      sockets.delete(visitorId);
      goneSince.set(visitorId, core.now());
    },
  };
}

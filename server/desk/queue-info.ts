// The per-language summary every page view may ask for (`GET /api/queues`): cheap, cached for a few seconds.
import { LANGUAGE_NAMES } from "../config.js";
import type { QueueInfoView, QueuesView } from "../protocol/views.js";
import type { DeskCore } from "./core.js";
import { accepting, standingAt } from "./estimates.js";

const CACHE_MS = 3000;

export function createQueueInfo(core: DeskCore) {
  const { config, queues, agents } = core;
  let cached: QueuesView | null = null;

  /** What someone joining each language queue now can expect. */
  return (): QueuesView => {
    const now = core.now();
    if (cached && now - cached.generatedAt < CACHE_MS) return cached;
    const ctx = core.context();
    const languages = config.languages.map((language): QueueInfoView => {
      const waiting = queues.line(language).length;
      const standing = standingAt(ctx, config, language, waiting + 1, waiting, core.history(language));
      let agentsAvailable = 0;
      for (const a of agents.values()) if (a.record.languages.includes(language) && accepting(a, now)) agentsAvailable++;
      return {
        language,
        name: LANGUAGE_NAMES[language] ?? language,
        waiting,
        agentsAvailable,
        etaSeconds: standing.etaSeconds,
        etaRange: standing.etaRange,
        etaReliable: standing.etaReliable,
        peak: standing.peak,
        open: standing.open,
        closing: standing.closing,
        full: waiting >= config.queueMaxPerLanguage,
        fallback: standing.fallback,
        helpLinks: config.helpLinks[language] ?? [],
      };
    });
    return (cached = { languages, generatedAt: now });
  };
}

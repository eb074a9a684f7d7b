// The desk's memory on Redis (see server/desk/memory.ts): agents' Status in a hash, each language's recent handle
// times in a capped list, so a desk that moves to another node keeps Away agents Away and its estimates measured.
import type { Redis } from "ioredis";
import type { DeskMemory } from "../desk/memory.js";
import type { HandleSample } from "../domain/eta.js";
import type { AgentStatus } from "../protocol/views.js";

export function redisDeskMemory(client: Redis, prefix: string): DeskMemory {
  const statuses = `${prefix}desk:status`;
  const languages = `${prefix}desk:handle-languages`;
  const handle = (language: string) => `${prefix}desk:handle:${language}`;
  return {
    load: async () => {
      const stored = Object.entries(await client.hgetall(statuses)).filter((e): e is [string, AgentStatus] => ["online", "away", "offline"].includes(e[1]));
      const handleTimes: [string, HandleSample[]][] = [];
      for (const language of await client.smembers(languages)) {
        const samples = (await client.lrange(handle(language), 0, -1)).flatMap((text) => parseSample(text));
        handleTimes.push([language, samples]);
      }
      return { statuses: stored, handleTimes };
    },
    saveStatus: async (agentId, status) => void (await client.hset(statuses, agentId, status)),
    saveHandleTime: async (language, sample, window) => {
      const text = sample.endedAt === undefined ? String(sample.seconds) : `${sample.seconds}@${sample.endedAt}`;
      await client.multi().rpush(handle(language), text).ltrim(handle(language), -window, -1).sadd(languages, language).exec();
    },
  };
}

/** "seconds@endedAt", or plain "seconds" as versions before end times wrote them; anything else is skipped. */
export function parseSample(text: string): HandleSample[] {
  const [seconds, endedAt, extra] = text.split("@").map(Number);
  if (extra !== undefined || !(seconds! > 0) || !Number.isFinite(seconds)) return [];
  if (endedAt === undefined) return [{ seconds: seconds! }];
  return Number.isFinite(endedAt) && endedAt > 0 ? [{ seconds: seconds!, endedAt }] : [];
}

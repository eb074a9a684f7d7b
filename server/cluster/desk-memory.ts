// The desk's memory on Redis (see server/desk/memory.ts): agents' Status in a hash, each language's recent handle
// times in a capped list, so a desk that moves to another node keeps Away agents Away and its estimates measured.
import type { Redis } from "ioredis";
import type { DeskMemory } from "../desk/memory.js";
import type { AgentStatus } from "../protocol/views.js";

export function redisDeskMemory(client: Redis, prefix: string): DeskMemory {
  const statuses = `${prefix}desk:status`;
  const languages = `${prefix}desk:handle-languages`;
  const handle = (language: string) => `${prefix}desk:handle:${language}`;
  return {
    load: async () => {
      const stored = Object.entries(await client.hgetall(statuses)).filter((e): e is [string, AgentStatus] => ["online", "away", "offline"].includes(e[1]));
      const handleTimes: [string, number[]][] = [];
      for (const language of await client.smembers(languages)) {
        const samples = (await client.lrange(handle(language), 0, -1)).map(Number).filter((s) => s > 0 && Number.isFinite(s));
        handleTimes.push([language, samples]);
      }
      return { statuses: stored, handleTimes };
    },
    saveStatus: async (agentId, status) => void (await client.hset(statuses, agentId, status)),
    saveHandleTime: async (language, seconds, window) => {
      await client.multi().rpush(handle(language), String(seconds)).ltrim(handle(language), -window, -1).sadd(languages, language).exec();
    },
  };
}

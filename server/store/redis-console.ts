// The console's stores on Redis: the runtime settings as one JSON value with a version (compare-and-set), and canned
// responses in a hash with an index that keeps (owner, language, shortcut) unique.
import type { Redis } from "ioredis";
import { changeRow, type RedisKeys } from "./redis-client.js";
import { DuplicateShortcutError, type CannedResponseRecord, type ConsoleStores, type StoredSettings } from "./console-port.js";

type Run = (script: string, keys: string[], args: (string | number)[]) => Promise<unknown>;

/** KEYS: settings, version. ARGV: the version read, the new JSON. 0 when another writer came first. */
const SETTINGS_CAS = `
local v = redis.call('GET', KEYS[2]) or '0'
if v ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('INCR', KEYS[2])
return 1`;

// The unique key of a stored response, computed the same way in Lua and in TypeScript.
const LUA_KEY = `local function key(json)
  local o = cjson.decode(json)
  return (o.ownerId == cjson.null and '' or o.ownerId) .. '|' .. o.language .. '|' .. o.shortcut
end
`;
const keyOf = (r: CannedResponseRecord) => `${r.ownerId ?? ""}|${r.language}|${r.shortcut}`;

/** KEYS: responses, key index. ARGV: id, key, json, and optionally the json as read (then -1, nothing written, when the
 * stored record is no longer that). 0 when another response has the key. */
const CANNED_PUT = `${LUA_KEY}
local owner = redis.call('HGET', KEYS[2], ARGV[2])
if owner and owner ~= ARGV[1] then return 0 end
local old = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[4] and old ~= ARGV[4] then return -1 end
if old and key(old) ~= ARGV[2] then redis.call('HDEL', KEYS[2], key(old)) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
return 1`;

/** KEYS as CANNED_PUT. ARGV: id. */
const CANNED_REMOVE = `${LUA_KEY}
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
redis.call('HDEL', KEYS[2], key(old))
redis.call('HDEL', KEYS[1], ARGV[1])
return 1`;

export function createRedisConsole(client: Redis, keys: RedisKeys, run: Run): ConsoleStores {
  const read = async (): Promise<{ version: string; settings: StoredSettings }> => {
    const [json, version] = await client.mget(keys.settings, keys.settingsVersion);
    return { version: version ?? "0", settings: json ? (JSON.parse(json) as StoredSettings) : {} };
  };
  const cannedKeys = [keys.canned, keys.cannedKeys];
  return {
    settings: {
      get: async () => (await read()).settings,
      update: async (change) => {
        // Optimistic: re-read and re-apply when another writer changed the settings in between.
        for (let attempt = 0; attempt < 20; attempt++) {
          const { version, settings } = await read();
          const next = change(settings);
          if ((await run(SETTINGS_CAS, [keys.settings, keys.settingsVersion], [version, JSON.stringify(next)])) === 1) return structuredClone(next);
        }
        throw new Error("settings are changing too often to be updated");
      },
      version: async () => (await client.get(keys.settingsVersion)) ?? "0",
    },
    canned: {
      list: async () => Object.values(await client.hgetall(keys.canned)).map((json) => JSON.parse(json) as CannedResponseRecord),
      put: async (response) => {
        if ((await run(CANNED_PUT, cannedKeys, [response.id, keyOf(response), JSON.stringify(response)])) === 0) throw new DuplicateShortcutError(response.shortcut, response.language);
      },
      // A compare-and-set on the record as read (-1: it changed or was removed), made again on what is stored now.
      update: (id, change) =>
        changeRow<CannedResponseRecord>(
          `canned response ${id}`,
          () => client.hget(keys.canned, id),
          (current) => {
            const next = current && change(current);
            return next && { ...next, id };
          },
          async (stored, asRead) => {
            const done = await run(CANNED_PUT, cannedKeys, [id, keyOf(stored), JSON.stringify(stored), asRead!]);
            if (done === 0) throw new DuplicateShortcutError(stored.shortcut, stored.language);
            return done === 1;
          },
        ),
      remove: async (id) => (await run(CANNED_REMOVE, cannedKeys, [id])) === 1,
    },
  };
}

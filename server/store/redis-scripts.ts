// The Lua scripts of the Redis store. Each runs atomically in Redis: a compare-and-set, a sequence number, or a unique
// index is decided there, never by a read in Node followed by a write (another node may write in between).

/** Refuses the write unless the caller holds the desk's lease with this fencing token ("" = unfenced caller). */
const FENCE = (keyIndex: number) => `
if ARGV[1] ~= '' and redis.call('GET', KEYS[${keyIndex}]) ~= ARGV[1] then
  return redis.error_reply('FENCED this node no longer holds the desk lease')
end`;

/** KEYS: rows, epochs, reads, open set, open-by-visitor, lease. ARGV: fence, id, json, epoch, readSeq, status, visitorId. */
export const CONVERSATION_CREATE = `${FENCE(6)}
if redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[2], ARGV[5])
if ARGV[6] ~= 'closed' then
  redis.call('SADD', KEYS[4], ARGV[2])
  redis.call('HSET', KEYS[5], ARGV[7], ARGV[2])
end
return 1`;

/** Same KEYS. ARGV: fence, id, json (already at expectedEpoch + 1), expectedEpoch, readSeq, status, visitorId. */
export const CONVERSATION_UPDATE = `${FENCE(6)}
local epoch = redis.call('HGET', KEYS[2], ARGV[2])
if not epoch or tonumber(epoch) ~= tonumber(ARGV[4]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], tonumber(ARGV[4]) + 1)
redis.call('HSET', KEYS[3], ARGV[2], ARGV[5])
if ARGV[6] == 'closed' then
  redis.call('SREM', KEYS[4], ARGV[2])
  if redis.call('HGET', KEYS[5], ARGV[7]) == ARGV[2] then redis.call('HDEL', KEYS[5], ARGV[7]) end
else
  redis.call('SADD', KEYS[4], ARGV[2])
  redis.call('HSET', KEYS[5], ARGV[7], ARGV[2])
end
return 1`;

/** KEYS: epochs, reads, lease. ARGV: fence, id, epoch, seq. Raises the read marker at that epoch only. */
export const CONVERSATION_MARK_READ = `${FENCE(3)}
local epoch = redis.call('HGET', KEYS[1], ARGV[2])
if not epoch or tonumber(epoch) ~= tonumber(ARGV[3]) then return 0 end
if tonumber(ARGV[4]) > tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') then redis.call('HSET', KEYS[2], ARGV[2], ARGV[4]) end
return 1`;

/** KEYS: the customers' read markers. ARGV: id, seq. Raises the marker, never lowers it. */
export const CONVERSATION_MARK_VISITOR_READ = `
if tonumber(ARGV[2]) > tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;

/**
 * KEYS: the log (a list: seq = position), its ids (hash id → seq). ARGV: id, json. Idempotent by id: a repeat returns
 * the stored entry and its seq with the flag 1.
 */
export const LOG_APPEND = `
local seq = redis.call('HGET', KEYS[2], ARGV[1])
if seq then return {tonumber(seq), redis.call('LINDEX', KEYS[1], tonumber(seq) - 1), 1} end
local n = redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], n)
return {n, ARGV[2], 0}`;

/**
 * A chat message appended on whichever node received it (cluster): the writer check, the idempotency check, the seq and
 * the notice to the desk's node, in one step. KEYS: conversation rows, the log, its ids, agents, the desk's notice
 * channel. ARGV: conversation id, writer kind ("visitor" | "agent"), writer id, message id, draft json (an agent's
 * without its name: the stored agent's name is put in here), "1" to publish the notice ("" when the desk runs on the
 * writing node, which tells it in process).
 * Returns {"not_found"} when the writer may not write in it (its customer, or the agent it is assigned to — the
 * conversation as stored at this instant: whatever changed since the caller last saw it is what is checked), {"closed"},
 * {"duplicate", seq, json, status} for an id already stored, or {"stored", seq, json, visitorId, assigneeId or ""}.
 */
export const MESSAGE_SEND = `
local row = redis.call('HGET', KEYS[1], ARGV[1])
if not row then return {'not_found'} end
local c = cjson.decode(row)
local assignee = type(c.assigneeId) == 'string' and c.assigneeId or ''
local writer = ARGV[2] == 'visitor' and c.visitorId or assignee
if writer ~= ARGV[3] or writer == '' then return {'not_found'} end
local seq = redis.call('HGET', KEYS[3], ARGV[4])
if seq then return {'duplicate', tonumber(seq), redis.call('LINDEX', KEYS[2], tonumber(seq) - 1), c.status} end
if c.status == 'closed' then return {'closed'} end
local json = ARGV[5]
if ARGV[2] == 'agent' then
  local agent = redis.call('HGET', KEYS[4], ARGV[3])
  local name = agent and cjson.decode(agent).name
  if type(name) ~= 'string' then name = 'Agent' end
  json = '{"authorName":' .. cjson.encode(name) .. ',' .. string.sub(json, 2)
end
local n = redis.call('RPUSH', KEYS[2], json)
redis.call('HSET', KEYS[3], ARGV[4], n)
if ARGV[6] == '1' then redis.call('PUBLISH', KEYS[5], ARGV[1] .. '\\n' .. n .. '\\n' .. json) end
return {'stored', n, json, c.visitorId, assignee}`;

/**
 * A table with one unique field: KEYS rows, index (unique value → id), version, changes channel. ARGV: id, unique value,
 * json, field name, channel message, and optionally the row's json as read: then -1 (and nothing written) when the row
 * is no longer that (a compare-and-set). Returns 0 (and writes nothing) when another row has the value.
 */
export const UNIQUE_PUT = `
local owner = redis.call('HGET', KEYS[2], ARGV[2])
if owner and owner ~= ARGV[1] then return 0 end
local old = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[6] and old ~= ARGV[6] then return -1 end
if old then
  local was = cjson.decode(old)[ARGV[4]]
  if was ~= ARGV[2] then redis.call('HDEL', KEYS[2], was) end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
redis.call('INCR', KEYS[3])
redis.call('PUBLISH', KEYS[4], ARGV[5])
return 1`;

/** KEYS as UNIQUE_PUT. ARGV: id, field name, channel message. */
export const UNIQUE_REMOVE = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
redis.call('HDEL', KEYS[2], cjson.decode(old)[ARGV[2]])
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('INCR', KEYS[3])
redis.call('PUBLISH', KEYS[4], ARGV[3])
return 1`;

/** KEYS: tickets, token index, counter. ARGV: id, tokenHash, json of the draft, first number. Returns the number. */
export const TICKET_CREATE = `
if redis.call('EXISTS', KEYS[3]) == 0 then redis.call('SET', KEYS[3], tonumber(ARGV[4]) - 1) end
local n = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], ARGV[1], '{"number":' .. n .. ',' .. string.sub(ARGV[3], 2))
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
return n`;

/**
 * A compare-and-set of one hash field: KEYS the hash; ARGV field, its value as read ("" when it had none), the new
 * value. Returns 1 when written, 0 (and nothing written) when the field is no longer what was read.
 */
export const FIELD_CAS = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if (old or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`;

/**
 * A ticket's compare-and-set: KEYS tickets, token index; ARGV id, the `updatedAt` read, the new json, its token hash.
 * Returns 1 when written, 0 (and nothing written) when the stored ticket's `updatedAt` is no longer the one read.
 */
export const TICKET_REPLACE = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old or cjson.decode(old).updatedAt ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
return 1`;

// Each email sent once across the cluster, also while the desk (and with it the mail queue) moves between nodes: a
// node claims an email in Redis before it hands it to SMTP, and records "sent" in the same Lua step that stores the
// sent queue record. A claim held by another node (it is sending right now) or a "sent" marker means: do not send.
//
// What remains (exactly-once is impossible across SMTP, which has no idempotency key): a node that dies (or loses Redis
// for longer than the claim lives) after the SMTP server accepted an email but before the marker is written leaves the
// claim to expire; after CLAIM_TTL_MS the email is sent again, once. While Redis is reachable and no node dies between
// send and mark, an email is never sent twice.
import type { Redis } from "ioredis";
import type { OutgoingEmailRecord } from "../store/port.js";
import { scriptRunner, type RedisKeys } from "../store/redis-client.js";
import type { MailOnce } from "../selfservice/mail/worker.js";
import { COMPARE_AND_DELETE } from "./compare-and-delete.js";

/** How long a claim outlives a send that never reported back (longer than any SMTP attempt, see transport.ts). */
export const CLAIM_TTL_MS = 10 * 60_000;
/** How long the "sent" marker is kept (the queue record says "sent" too; this only has to outlive every stale copy). */
const SENT_TTL_MS = 30 * 24 * 3_600_000;

const CLAIM = `
local held = redis.call('GET', KEYS[1])
if held == 'sent' then return 'sent' end
if held then return 'busy' end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'claimed'`;

const MARK_SENT = `
redis.call('SET', KEYS[1], 'sent', 'PX', ARGV[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1`;

export function redisMailOnce(client: Redis, keys: RedisKeys, prefix: string, nodeId: string): MailOnce {
  const run = scriptRunner(client);
  const claimKey = (id: string) => `${prefix}mail:claim:${id}`;
  const holder = `${nodeId}:${process.pid}`;
  return {
    claim: async (id) => (await run(CLAIM, [claimKey(id)], [holder, CLAIM_TTL_MS])) as "claimed" | "busy" | "sent",
    markSent: async (email: OutgoingEmailRecord) => void (await run(MARK_SENT, [claimKey(email.id), keys.mail], [email.id, JSON.stringify(email), SENT_TTL_MS])),
    release: async (id) => void (await run(COMPARE_AND_DELETE, [claimKey(id)], [holder])),
  };
}

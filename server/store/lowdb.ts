// The embedded store: lowdb JSON files under DATA_DIR, laid out so that no write rewrites the whole history.
//   agents.json                 shared with the `parley` command (re-read when changed, edited under agents.json.lock)
//   sessions.json               agent sessions (few)
//   conversations/<00-ff>.json  conversation metadata, sharded by id hash
//   conversations-journal/000001.log …  conversation writes acknowledged but not yet in their shards (lowdb-row-journal.ts)
//   visitors/<00-ff>.json       visitors, sharded by id hash
//   visitors-journal/000001.log …  visitor records acknowledged but not yet in their shards (see lowdb-row-journal.ts)
//   journal/000001.log …       messages acknowledged but not yet in their chunks (group commit; see journal.ts)
//   messages/<conversation>/000001.json …  chunks of at most CHUNK_SIZE messages, written by compaction
//   server.lock                 the pid of the server using the directory
//   tickets/, ticket-messages/, feedback/, mail-queue/, officials.json: self-service (see lowdb-selfservice.ts)
//   settings.json, canned.json  runtime settings and canned responses, shared with the `parley` command
import * as fsp from "node:fs/promises";
import { join, resolve } from "node:path";
import type { FileIo } from "./json-file.js";
import { ensureDir, removeLeftovers, tryLock, type HeldLock } from "./files.js";
import { openAgents } from "./lowdb-agents.js";
import { openMessageLog, type CompactionPolicy, type MessageLog } from "./lowdb-messages.js";
import { openLowdbConsole } from "./lowdb-console.js";
import { openLowdbSelfService } from "./lowdb-selfservice.js";
import { openTable } from "./lowdb-table.js";
import { keepVisitorRead, type ConversationRecord, type SessionRecord, type Store, type VisitorRecord } from "./port.js";
import { openRowJournal, type RowCompactionPolicy, type RowJournal } from "./lowdb-row-journal.js";

export { CorruptFileError } from "./json-file.js";
export { DuplicateEmailError } from "./lowdb-agents.js";

/** Another live Parley server holds the data directory. */
export class StoreLockedError extends Error {
  override name = "StoreLockedError";
  constructor(readonly pid: number, readonly dataDir: string) {
    super(
      `another Parley server (pid ${pid}) is using DATA_DIR ${dataDir}; stop it, or give this server its own DATA_DIR ` +
        `(if no Parley server runs as pid ${pid}, delete ${dataDir}/server.lock)`,
    );
  }
}

/** Takes DATA_DIR for this process alone (server.lock), without opening a store in it (the Redis store's node-local files). */
export async function lockDataDir(dataDir: string): Promise<HeldLock> {
  const dir = resolve(dataDir);
  await ensureDir(dir);
  const attempt = await tryLock(join(dir, "server.lock"));
  if (!attempt.held) throw new StoreLockedError(attempt.pid, dir);
  return attempt;
}

/** Options of {@link openLowdbStore}. */
export interface LowdbStoreOptions {
  /** Take `server.lock` (the server). False for the `parley` command, which runs beside a server. */
  lock: boolean;
  /** File operations for data files; tests inject failures through this. */
  io?: FileIo;
  /** When the message journal is written into chunk files (default: `DEFAULT_COMPACTION`). */
  compaction?: CompactionPolicy;
  /** When the visitor journal is written into the visitor shards (default: `DEFAULT_ROW_COMPACTION`). */
  visitorCompaction?: RowCompactionPolicy;
  /** When the conversation journal is written into the conversation shards (default: `DEFAULT_ROW_COMPACTION`). */
  conversationCompaction?: RowCompactionPolicy;
}

// 256 shards keep each conversation or visitor write small even with hundreds of thousands of records.
const SHARDS = 256;
/** How long a read marker may wait in memory before its shard is written. */
const READ_MARKER_FLUSH_MS = 1000;
const shardFiles = (dir: string) => Array.from({ length: SHARDS }, (_, i) => join(dir, `${i.toString(16).padStart(2, "0")}.json`));

/**
 * Opens (creating if needed) the store in `dataDir`. With `lock`, takes the directory for this process and reads
 * every metadata file at once, so a corrupt file stops the server at start (a {@link CorruptFileError} naming it);
 * message chunks are read per conversation on first use. Throws {@link StoreLockedError} if a live server holds it.
 */
export async function openLowdbStore(dataDir: string, options: LowdbStoreOptions): Promise<Store> {
  const dir = resolve(dataDir);
  const io = options.io ?? fsp;
  const folders = ["conversations", "visitors", "messages"].map((name) => join(dir, name));
  await ensureDir(dir);
  const lock: HeldLock | null = options.lock ? await lockDataDir(dir) : null;

  const agents = openAgents(join(dir, "agents.json"), io);
  const sessions = openTable<SessionRecord>([join(dir, "sessions.json")], io);
  const conversations = openTable<ConversationRecord>(shardFiles(folders[0]!), io);
  const visitors = openTable<VisitorRecord>(shardFiles(folders[1]!), io);
  let messages: MessageLog | null = null;
  let visitorJournal: RowJournal<VisitorRecord> | null = null;
  let conversationJournal: RowJournal<ConversationRecord> | null = null;
  const selfService = openLowdbSelfService(dir, io);
  const consoleStores = openLowdbConsole(join(dir, "settings.json"), join(dir, "canned.json"), io);
  try {
    for (const folder of [dir, ...folders]) {
      await ensureDir(folder);
      await removeLeftovers(folder);
    }
    await selfService.prepare();
    // Only the server writes messages: the `parley` command beside it must not replay or compact its journal.
    messages = await openMessageLog(folders[2]!, options.lock ? join(dir, "journal") : null, io, options.compaction && { compaction: options.compaction });
    if (options.lock) await Promise.all([agents.list(), sessions.loadAll(), conversations.loadAll(), visitors.loadAll(), selfService.loadAll(), consoleStores.loadAll()]);
    // Likewise for visitors: the server writes them through their journal, replayed over the shards here.
    if (options.lock) visitorJournal = await openRowJournal(visitors, join(dir, "visitors-journal"), io, options.visitorCompaction);
    // And for conversations: a create or a compare-and-set is one line of a group commit, not a rewrite of its shard.
    if (options.lock) conversationJournal = await openRowJournal(conversations, join(dir, "conversations-journal"), io, options.conversationCompaction);
  } catch (error) {
    await conversationJournal?.close({ compact: false });
    await visitorJournal?.close({ compact: false });
    await messages?.close({ compact: false });
    await lock?.release();
    throw error;
  }

  const log = messages!;
  const journal = conversationJournal;
  /** A conversation write: through the journal on the server, a rewrite of the shard for the `parley` command. */
  const change = (id: string, fn: (current: ConversationRecord | null) => ConversationRecord | null) =>
    journal ? conversations.changeDurably(id, fn, journal.write) : conversations.change(id, fn);
  // Read markers are written lazily: at most once a second (the rows marked since, as journal lines on the server; each
  // changed shard without the journal), and at close.
  const marked = new Set<string>();
  const writeMarkers = async () => {
    if (!journal) return conversations.flush();
    const ids = [...marked];
    marked.clear();
    await Promise.all(ids.map((id) => change(id, (current) => current)));
  };
  let flushTimer: NodeJS.Timeout | null = null;
  const scheduleFlush = (id: string) => {
    marked.add(id);
    flushTimer ??= setTimeout(() => {
      flushTimer = null;
      writeMarkers().catch(() => {});
    }, READ_MARKER_FLUSH_MS);
    flushTimer.unref?.();
  };

  const putVisitor = (visitor: VisitorRecord) => (visitorJournal ? visitorJournal.put(visitor) : visitors.put(visitor));
  // Under the shard's write order, each change made on what the one before stored (through the journal on the server).
  const updateVisitor = async (id: string, change: (current: VisitorRecord | null) => VisitorRecord | null): Promise<VisitorRecord | null> => {
    const fn = (current: VisitorRecord | null) => {
      const next = change(current && structuredClone(current));
      return next && { ...structuredClone(next), id };
    };
    const stored = await (visitorJournal ? visitors.changeDurably(id, fn, visitorJournal.write) : visitors.change(id, fn));
    return stored && structuredClone(stored);
  };

  let closing: Promise<void> | null = null;
  const isOpen = (c: ConversationRecord) => c.status !== "closed";
  return {
    agents,
    visitors: { get: visitors.get, put: putVisitor, update: updateVisitor },
    conversations: {
      get: conversations.get,
      create: async (c) => (await change(c.id, (current) => (current ? null : c))) !== null,
      update: async (next, expectedEpoch) => {
        let current: ConversationRecord | null = null;
        const stored = await change(next.id, (row) => {
          current = row;
          return row && row.epoch === expectedEpoch ? { ...next, epoch: expectedEpoch + 1, ...keepVisitorRead(row, next) } : null;
        });
        return stored ? { ok: true, conversation: stored } : { ok: false, current };
      },
      markRead: (id, epoch, seq) => {
        scheduleFlush(id);
        return conversations.changeLazily(id, (c) => (c.epoch === epoch && seq > c.agentReadSeq ? { ...c, agentReadSeq: seq } : null));
      },
      markVisitorRead: (id, seq) => {
        scheduleFlush(id);
        return conversations.changeLazily(id, (c) => (seq > (c.visitorReadSeq ?? 0) ? { ...c, visitorReadSeq: seq } : null));
      },
      listOpen: () => conversations.filter(isOpen),
      listCreated: (from, to) => conversations.filter((c) => c.createdAt >= from && c.createdAt < to),
      findOpenByVisitor: async (visitorId) => (await conversations.filter((c) => isOpen(c) && c.visitorId === visitorId))[0] ?? null,
    },
    messages: { append: log.append, list: log.list, last: log.last, lastSeq: log.lastSeq },
    sessions: {
      get: sessions.get,
      put: sessions.put,
      remove: async (id) => void (await sessions.remove(id)),
      removeExpired: async (now) => {
        const expired = await sessions.filter((s) => s.expiresAt <= now);
        for (const s of expired) await sessions.remove(s.id);
        return expired.length;
      },
    },
    ...selfService.stores,
    ...consoleStores.stores,
    close: () =>
      (closing ??= (async () => {
        if (flushTimer) clearTimeout(flushTimer);
        // Every shard with a read marker or a journaled row, so the journal's compaction below finds nothing to do.
        await conversations.flush().catch(() => {});
        await conversationJournal?.close();
        await visitorJournal?.close();
        await Promise.all([agents.idle(), sessions.idle(), conversations.idle(), visitors.idle(), selfService.idle(), consoleStores.idle()]);
        await log.close();
        await lock?.release();
      })()),
  };
}

// Group-commit benchmark: many appends in flight at once through the real lowdb store (fsync on), as under load.
// Prints acked messages per second, ack latency, and fsyncs per acked message (of the journal, and in all).
import * as fsp from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { FileIo } from "../server/store/json-file.js";
import { openLowdbStore } from "../server/store/lowdb.js";
import { percentile, table, type Benchmark } from "./benchmark.js";

const CONVERSATIONS = 1_000;
const CONCURRENCY = [1, 16, 256, 1_000];
const TEXT = "Hello, I ordered a blue jacket last week and it has not arrived yet. Can you check?";

interface Result {
  concurrency: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** fsyncs of the journal (what acks wait for), per acked message. */
  journalSyncsPerMessage: number;
  /** fsyncs in all (chunk files and directories too), up to the end of the compaction at close, per acked message. */
  allSyncsPerMessage: number;
}

/** File operations that count fsyncs: of journal segments (what acks wait for) and of every file. */
function countingIo(): { io: FileIo; syncs: { journal: number; all: number } } {
  const syncs = { journal: 0, all: 0 };
  const open = (async (path: string, flags: string) => {
    const handle = await fsp.open(path, flags);
    const sync = handle.sync.bind(handle);
    const datasync = handle.datasync.bind(handle);
    const journal = String(path).endsWith(".log");
    handle.sync = () => (syncs.all++, journal && syncs.journal++, sync());
    handle.datasync = () => (syncs.all++, journal && syncs.journal++, datasync());
    return handle;
  }) as typeof fsp.open;
  return { io: { ...fsp, open }, syncs };
}

async function run(concurrency: number, total: number): Promise<Result> {
  const dir = await mkdtemp(join(tmpdir(), "parley-bench-burst-"));
  const { io, syncs } = countingIo();
  const store = await openLowdbStore(dir, { lock: true, io });
  try {
    const times: number[] = [];
    let next = 0;
    const before = { ...syncs };
    const start = performance.now();
    // Each worker sends, waits for the ack, sends again: `concurrency` messages are always in flight.
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        for (let i = next++; i < total; i = next++) {
          const sent = performance.now();
          await store.messages.append(`c_${(worker + i) % CONVERSATIONS}`, { id: `burst-${i}`, author: "visitor", text: TEXT, at: Date.now() });
          times.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    await store.close();
    return {
      concurrency,
      perSecond: total / seconds,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      journalSyncsPerMessage: (syncs.journal - before.journal) / total,
      allSyncsPerMessage: (syncs.all - before.all) / total,
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- store-burst [--messages N] [--json]`. */
export const storeBurstBenchmark: Benchmark = {
  about: "acked messages per second and fsyncs per message with 1 to 1,000 appends in flight at once",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean" }, messages: { type: "string", default: "5000" } }, strict: true });
    const total = Number(values.messages);
    if (!Number.isInteger(total) || total < 1) throw new Error(`--messages must be a positive whole number, got "${values.messages}"`);
    const results: Result[] = [];
    for (const concurrency of CONCURRENCY) results.push(await run(concurrency, total));
    if (values.json) {
      console.log(JSON.stringify({ benchmark: "store-burst", conversations: CONVERSATIONS, messages: total, results }));
      return;
    }
    console.log(`store-burst: ${total} appends over ${CONVERSATIONS} conversations, N in flight at once (lowdb, fsync on)\n`);
    console.log(table([
      ["in flight", "acked msg/s", "ack p50 (ms)", "ack p99 (ms)", "journal fsyncs/msg (acks wait)", "all fsyncs/msg (incl. compaction)"],
      ...results.map((r) => [String(r.concurrency), r.perSecond.toFixed(0), r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), r.journalSyncsPerMessage.toFixed(3), r.allSyncsPerMessage.toFixed(3)]),
    ]));
  },
};

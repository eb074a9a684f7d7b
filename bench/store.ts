// Store benchmark: time per acked message through the real lowdb store with a small and a large history.
// Goal: the 100,000-message figures within 1.5× the 1,000-message ones (one whole-history file took 10×).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { monitorEventLoopDelay, performance, type IntervalHistogram } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { openLowdbStore } from "../server/store/lowdb.js";
import { CHUNK_SIZE, chunkPath } from "../server/store/lowdb-chunks.js";
import type { MessageRecord, Store } from "../server/store/port.js";
import { percentile, seededRandom, table, type Benchmark } from "./benchmark.js";

const CONVERSATIONS = 1_000;
const HISTORIES = [1_000, 100_000];
const GOAL = 1.5;
/** Appends per block; the first block of each size is an untimed warm-up. */
const BLOCK = 100;
const TEXT = "Hello, I ordered a blue jacket last week and it has not arrived yet. Can you check?";

interface Result {
  stored: number;
  /** Loading every conversation's state (first access after a restart). */
  loadMs: number;
  medianMs: number;
  p99Ms: number;
  loopDelayP99Ms: number;
}

const conversationId = (i: number) => `c_${String(i).padStart(4, "0")}`;

/** Writes `total` messages spread at random over the conversations, straight into chunk files (fast, not measured). */
async function seed(messagesDir: string, total: number, random: () => number): Promise<void> {
  const counts = new Array<number>(CONVERSATIONS).fill(0);
  for (let i = 0; i < total; i++) counts[Math.floor(random() * CONVERSATIONS)]!++;
  for (const [c, count] of counts.entries()) {
    const id = conversationId(c);
    for (let first = 1; first <= count; first += CHUNK_SIZE) {
      const chunk: MessageRecord[] = [];
      for (let seq = first; seq <= Math.min(count, first + CHUNK_SIZE - 1); seq++) {
        chunk.push({ id: `seed-${seq}`, conversationId: id, seq, author: seq % 2 ? "visitor" : "agent", text: TEXT, at: 1_700_000_000_000 + seq });
      }
      const path = chunkPath(messagesDir, id, first);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, JSON.stringify(chunk));
    }
  }
}

/** One history size under test: its own data directory, store, timings and event-loop histogram. */
interface Scenario {
  stored: number;
  dir: string;
  store: Store;
  random: () => number;
  loadMs: number;
  times: number[];
  loop: IntervalHistogram;
}

async function prepare(stored: number): Promise<Scenario> {
  const dir = await mkdtemp(join(tmpdir(), "parley-bench-store-"));
  const random = seededRandom(stored);
  await seed(join(dir, "messages"), stored, random);
  const store = await openLowdbStore(dir, { lock: true });
  const start = performance.now();
  for (let c = 0; c < CONVERSATIONS; c++) await store.messages.lastSeq(conversationId(c));
  return { stored, dir, store, random, loadMs: performance.now() - start, times: [], loop: monitorEventLoopDelay({ resolution: 1 }) };
}

async function appendBlock(scenario: Scenario, count: number): Promise<void> {
  scenario.loop.enable();
  for (let i = 0; i < count; i++) {
    const id = conversationId(Math.floor(scenario.random() * CONVERSATIONS));
    const start = performance.now();
    // Awaited one by one, like a message acked to its sender before the next is sent.
    await scenario.store.messages.append(id, { id: `bench-${scenario.times.length}`, author: "visitor", text: TEXT, at: Date.now() });
    scenario.times.push(performance.now() - start);
  }
  scenario.loop.disable();
}

/** Both sizes in alternating blocks, so a noisy neighbour on the machine slows both alike. */
async function measure(appends: number): Promise<Result[]> {
  const scenarios: Scenario[] = [];
  try {
    for (const stored of HISTORIES) scenarios.push(await prepare(stored));
    for (const scenario of scenarios) await appendBlock(scenario, Math.min(BLOCK, appends));
    for (const scenario of scenarios) (scenario.times.length = 0), scenario.loop.reset();
    for (let done = 0, block = 0; done < appends; done += BLOCK, block++) {
      const order = block % 2 ? [...scenarios].reverse() : scenarios;
      for (const scenario of order) await appendBlock(scenario, Math.min(BLOCK, appends - done));
    }
    return scenarios.map(({ stored, loadMs, times, loop }) => ({
      stored,
      loadMs,
      medianMs: percentile(times, 50),
      p99Ms: percentile(times, 99),
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    }));
  } finally {
    for (const scenario of scenarios) {
      await scenario.store.close();
      await rm(scenario.dir, { recursive: true, force: true });
    }
  }
}

const ms = (value: number) => value.toFixed(3);

/** `npm run bench -- store [--appends N] [--json]`. */
export const storeBenchmark: Benchmark = {
  about: "time per acked message (median, p99) and event-loop delay p99 with 1,000 vs 100,000 messages stored",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean" }, appends: { type: "string", default: "2000" } }, strict: true });
    const appends = Number(values.appends);
    if (!Number.isInteger(appends) || appends < 1) throw new Error(`--appends must be a positive whole number, got "${values.appends}"`);
    const results = await measure(appends);
    const [small, large] = results as [Result, Result];
    const ratio = {
      median: large.medianMs / small.medianMs,
      p99: large.p99Ms / small.p99Ms,
      loopDelayP99: large.loopDelayP99Ms / small.loopDelayP99Ms,
    };
    const withinGoal = ratio.median <= GOAL && ratio.p99 <= GOAL && ratio.loopDelayP99 <= GOAL;
    if (values.json) {
      console.log(JSON.stringify({ benchmark: "store", conversations: CONVERSATIONS, appends, chunkSize: CHUNK_SIZE, results, ratio, goal: GOAL, withinGoal }));
      return;
    }
    console.log(`store: ${appends} acked appends per size to random conversations of ${CONVERSATIONS}, sizes alternating in blocks of ${BLOCK} (lowdb, chunks of ${CHUNK_SIZE}, fsync on)\n`);
    console.log(table([
      ["messages stored", "load all (ms)", "median (ms)", "p99 (ms)", "event-loop delay p99 (ms)"],
      ...results.map((r) => [r.stored.toLocaleString("en-US"), ms(r.loadMs), ms(r.medianMs), ms(r.p99Ms), ms(r.loopDelayP99Ms)]),
    ]));
    console.log(`\nratio 100k/1k: median ${ratio.median.toFixed(2)}×, p99 ${ratio.p99.toFixed(2)}×, event-loop delay p99 ${ratio.loopDelayP99.toFixed(2)}× — goal ≤ ${GOAL}×: ${withinGoal ? "met" : "NOT met"}`);
  },
};

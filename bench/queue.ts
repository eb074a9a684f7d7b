// Queue benchmark: the real queues and routing with 10,000 conversations waiting across 12 languages and about 50
// agents at capacity. One operation is what the desk does when a customer arrives and a chat ends: enqueue one,
// free one agent's slot, planAssignments, then look up the position of everyone in the line that moved (the
// standings pushed to them). Goal: ≤ 1 ms per operation.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createQueues } from "../server/domain/queue.js";
import { planAssignments, type AgentSlot, type RoutingPolicy } from "../server/domain/routing.js";
import { percentile, seededRandom, table, type Benchmark } from "./benchmark.js";

const LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "tr", "ar", "ja", "zh"];
const WAITING = 10_000;
const AGENTS = 50;
const GOAL_US = 1_000;

interface Result {
  policy: RoutingPolicy;
  medianUs: number;
  p99Us: number;
  assignedPerOp: number;
  positionsPerOp: number;
}

function measure(policy: RoutingPolicy, ops: number): Result {
  const random = seededRandom(12);
  const queues = createQueues();
  const languageOf = new Map<string, string>();
  // Languages weighted like a real desk: English most, the last ones rare.
  const pickLanguage = () => LANGUAGES[Math.min(LANGUAGES.length - 1, Math.floor(-Math.log(1 - random()) * 3))]!;
  let now = 1_700_000_000_000;
  let next = 0;
  const arrive = () => {
    const id = `c${next++}`;
    const language = pickLanguage();
    languageOf.set(id, language);
    queues.enqueue({ id, language, priority: 0, queuedAt: now++ });
  };
  while (next < WAITING) arrive();
  // Each agent speaks one language, every third also English, every fifth a second one: all 12 are covered.
  const agents: AgentSlot[] = Array.from({ length: AGENTS }, (_, i) => ({
    id: `a${i}`,
    languages: [...new Set([LANGUAGES[i % LANGUAGES.length]!, ...(i % 3 === 0 ? ["en"] : []), ...(i % 5 === 0 ? [LANGUAGES[(i + 4) % LANGUAGES.length]!] : [])])],
    maxChats: 3,
    load: 3,
    accepting: true,
    idleSince: 0,
  }));
  const byId = new Map(agents.map((a) => [a.id, a]));
  const times: number[] = [];
  let assigned = 0;
  let positions = 0;
  const WARM_UP = 200;
  for (let op = 0; op < WARM_UP + ops; op++) {
    const start = performance.now();
    arrive();
    agents[Math.floor(random() * AGENTS)]!.load--;
    const plan = planAssignments(queues, agents, now, { policy });
    let looked = 0;
    for (const { conversationId, agentId } of plan) {
      queues.remove(conversationId);
      byId.get(agentId)!.load++;
      // Everyone behind them moved up: their standings are recomputed and pushed.
      for (const waiting of queues.line(languageOf.get(conversationId)!)) looked += queues.position(waiting.id)! > 0 ? 1 : 0;
    }
    const elapsed = performance.now() - start;
    if (op < WARM_UP) continue;
    times.push(elapsed * 1000);
    assigned += plan.length;
    positions += looked;
  }
  return { policy, medianUs: percentile(times, 50), p99Us: percentile(times, 99), assignedPerOp: assigned / ops, positionsPerOp: positions / ops };
}

/** `npm run bench -- queue [--ops N] [--json]`. */
export const queueBenchmark: Benchmark = {
  about: "enqueue + a slot frees + planAssignments + position look-ups with 10,000 waiting (median, p99 µs per op)",
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false }, ops: { type: "string", default: "5000" } }, strict: true });
    const ops = Number(values.ops);
    if (!Number.isInteger(ops) || ops < 1) throw new Error(`--ops must be a positive whole number, got "${values.ops}"`);
    const results = (["least-loaded", "scarcity"] as const).map((policy) => measure(policy, ops));
    const withinGoal = results.every((r) => r.medianUs <= GOAL_US && r.p99Us <= GOAL_US);
    if (values.json) {
      console.log(JSON.stringify({ benchmark: "queue", waiting: WAITING, languages: LANGUAGES.length, agents: AGENTS, ops, results, goalUs: GOAL_US, withinGoal }));
      return;
    }
    console.log(`queue: ${ops} operations with ${WAITING.toLocaleString("en-US")} waiting in ${LANGUAGES.length} languages, ${AGENTS} agents at capacity\n`);
    console.log(table([
      ["policy", "median (µs/op)", "p99 (µs/op)", "assigned/op", "positions looked up/op"],
      ...results.map((r) => [r.policy, r.medianUs.toFixed(1), r.p99Us.toFixed(1), r.assignedPerOp.toFixed(2), r.positionsPerOp.toFixed(0)]),
    ]));
    console.log(`\ngoal ≤ ${GOAL_US} µs per operation (median and p99): ${withinGoal ? "met" : "NOT met"}`);
  },
};

// The load benchmark's output: a table per scenario (the relay, then each Parley target and its ratio to the relay),
// the ramp's steps, and the issues' targets; or with --json one object holding the same.
import { cpus, loadavg } from "node:os";
import { table } from "../benchmark.js";
import type { Spread, StepFigures } from "./figures.js";
import type { ScenarioResult } from "./measure.js";

const ms = (v: number) => (!Number.isFinite(v) ? (Number.isNaN(v) ? "–" : "never") : v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString("en"));
const three = (s: Spread) => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;
const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×` : "–");
/** JavaScript heap allocated and promoted to the old generation during the step, per acked message, in KB. */
const heapPerMessage = (s: StepFigures) => `${num(s.serverGc.allocatedBytes / s.ackedOk / 1024, 1)} / ${num(s.serverGc.promotedBytes / s.ackedOk / 1024, 2)}`;
const errors = (s: StepFigures) => Object.values(s.ackErrors).reduce((a, b) => a + b, 0);

/** The figures of one scenario: the relay, then each other target beside its ratio to the relay (any may be missing). */
function scenarioTable(relay: ScenarioResult | undefined, others: ScenarioResult[]): string {
  // A scenario that failed before its step has no figures; the failure is said once, under the table.
  const cell = (r: ScenarioResult | undefined, f: (r: ScenarioResult, s: StepFigures) => string) => (r?.steps[0] ? f(r, r.steps[0]) : r?.error ? "failed" : "–");
  const versus = (other: ScenarioResult) => (pick: (r: ScenarioResult, s: StepFigures) => number) =>
    relay?.steps[0] && other.steps[0] ? ratio(pick(other, other.steps[0]), pick(relay, relay.steps[0])) : "–";
  type Both = ReturnType<typeof versus>;
  const rows: [string, (r: ScenarioResult, s: StepFigures) => string, (both: Both) => string][] = [
    ["customer → agent p50 / p99 / max (ms)", (_, s) => three(s.delivery), (both) => `${both((_, s) => s.delivery.p50)} / ${both((_, s) => s.delivery.p99)}`],
    ["ack p50 / p99 / max (ms)", (_, s) => three(s.ack), (both) => `${both((_, s) => s.ack.p50)} / ${both((_, s) => s.ack.p99)}`],
    ["acked msg/s (offered)", (_, s) => `${num(s.ackedPerSecond)} (${num(s.offeredPerSecond)})`, (both) => both((_, s) => s.ackedPerSecond)],
    ["sent / unacked / refused", (_, s) => `${num(s.sent)} / ${num(s.unacked)} / ${num(errors(s))}`, () => ""],
    ["lost / duplicated / out of order", (_, s) => `${s.lost} / ${s.duplicated} / ${s.outOfOrder}`, () => ""],
    ["sockets dropped", (_, s) => String(s.disconnects), () => ""],
    ["server CPU per message (ms)", (_, s) => num(s.serverCpuMsPerMessage, 3), (both) => both((_, s) => s.serverCpuMsPerMessage)],
    ["server event-loop delay p99 / max (ms)", (_, s) => `${ms(s.serverLoopDelayMs.p99)} / ${ms(s.serverLoopDelayMs.max)}`, (both) => both((_, s) => s.serverLoopDelayMs.p99)],
    ["server GC pauses: total / longest (ms), full collections", (_, s) => `${ms(s.serverGc.totalMs)} / ${ms(s.serverGc.maxMs)}, ${s.serverGc.major}`, () => ""],
    ["server heap allocated / promoted per message (KB)", (_, s) => heapPerMessage(s), (both) => `${both((_, s) => s.serverGc.allocatedBytes / s.ackedOk)} / ${both((_, s) => s.serverGc.promotedBytes / s.ackedOk)}`],
    ["server RSS per idle connected customer (KB)", (r) => num(r.rssPerIdleCustomerKB, 1), (both) => both((r) => r.rssPerIdleCustomerKB)],
    ["server RSS per customer in a chat (KB)", (r) => num(r.rssPerChattingCustomerKB, 1), (both) => both((r) => r.rssPerChattingCustomerKB)],
    ["load CPU, % of a core / send lateness p99 (ms)", (_, s) => `${num(s.loadCpuPercent)} % / ${ms(s.sendLatenessP99Ms)}`, () => ""],
    ["setup: sign-ins, customers, chats (s)", (r) => num(r.setupSeconds, 1), () => ""],
  ];
  const failures = [relay, ...others].filter((r) => r?.error).map((r) => `${r!.target}: failed: ${r!.error}`);
  const header = ["figure", "relay", ...others.flatMap((o) => [o.target, `${o.target}/relay`])];
  const body = rows.map(([label, f, r]) => [label, cell(relay, f), ...others.flatMap((o) => [cell(o, f), r(versus(o))])]);
  return [table([header, ...body]), ...failures].join("\n");
}

function rampTable(results: ScenarioResult[]): string {
  const rows = results.flatMap((r) =>
    r.steps.map((s) => [r.target, num(s.offeredPerSecond), num(s.ackedPerSecond), ms(s.delivery.p99), ms(s.ack.p99), num(s.unacked + errors(s)), num(s.serverCpuMsPerMessage, 3), heapPerMessage(s), ms(s.serverLoopDelayMs.max), `${ms(s.serverGc.maxMs)} (${s.serverGc.major})`, `${ms(s.sendLatenessP99Ms)}`, s.passed ? "yes" : "no"]),
  );
  const summary = results.map((r) => (r.error ? `${r.target}: failed: ${r.error}` : `${r.target}: highest passing step ${num(r.ramp?.highestPassedPerSecond ?? 0)} msg/s offered, ${num(r.ramp?.ackedPerSecondThere ?? 0)} acked/s (stopped by: ${r.ramp?.stoppedBy})`));
  return [table([["target", "offered/s", "acked/s", "deliver p99", "ack p99", "unacked", "CPU ms/msg", "heap KB/msg alloc / promoted", "loop max", "GC max (full)", "lateness p99", "passed"], ...rows]), ...summary].join("\n");
}

/** The issue's targets as measured in this run. */
export function targetRatios(results: ScenarioResult[]) {
  const find = (target: string, key: string) => results.find((r) => r.target === target && r.scenario === key && !r.error);
  const first = (r: ScenarioResult | undefined) => r?.steps[0];
  const r1000 = find("relay", "1000");
  const p1000 = find("parley", "1000");
  const rampRelay = find("relay", "ramp")?.ramp;
  const rampParley = find("parley", "ramp")?.ramp;
  const q = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 && Number.isFinite(a) ? a / b : null);
  return {
    p99At1000: q(first(p1000)?.delivery.p99, first(r1000)?.delivery.p99),
    cpuPerMessageAt1000: q(first(p1000)?.serverCpuMsPerMessage, first(r1000)?.serverCpuMsPerMessage),
    highestRate: q(rampParley?.highestPassedPerSecond, rampRelay?.highestPassedPerSecond),
    memoryPerChattingCustomerAt1000: q(p1000?.rssPerChattingCustomerKB, r1000?.rssPerChattingCustomerKB),
    // Issue 7 (scale-out): Redis nodes against the relay and three nodes against one.
    redis1P99At1000: q(first(find("redis1", "1000"))?.delivery.p99, first(r1000)?.delivery.p99),
    redis3P99At1000: q(first(find("redis3", "1000"))?.delivery.p99, first(r1000)?.delivery.p99),
    threeNodesOverOne: q(find("redis3", "ramp")?.ramp?.ackedPerSecondThere, find("redis1", "ramp")?.ramp?.ackedPerSecondThere),
  };
}

/** The machine the run shared: cores, and the 1-minute load average before and after (above the core count, other work competed). */
export interface Machine {
  cores: number;
  loadAverageBefore: number;
  loadAverageAfter: number;
}

export const machineNow = (): Pick<Machine, "cores"> & { loadAverage: number } => ({ cores: cpus().length, loadAverage: loadavg()[0]! });

export function textReport(results: ScenarioResult[], loadProcesses: number, machine: Machine, serverPriority?: number): string {
  const out = [
    `Load benchmark: Parley against a bare Socket.IO relay, real sockets over loopback, customers from many 127.x.y.z addresses.`,
    `Targets: relay; parley = one node on lowdb; redis1 = one node on Redis; redis3 = three node processes on one Redis (customers on other nodes than their agents). Redis targets count redis-server in CPU and RSS.`,
    `This machine has ${machine.cores} cores, shared by the server, ${loadProcesses} load process(es) and this runner: figures move between runs.`,
    `1-minute load average ${machine.loadAverageBefore.toFixed(1)} before, ${machine.loadAverageAfter.toFixed(1)} after${Math.max(machine.loadAverageBefore, machine.loadAverageAfter) > machine.cores + 1 ? ": other work competed for the cores, so these figures are pessimistic" : ""}.`,
    `Latency is from each message's intended send time (open loop); a message never acked or delivered counts as "never".`,
  ];
  if (serverPriority !== undefined) out.push(`Every server process (every target alike) ran at nice ${serverPriority}; the load processes and this runner at their own.`);
  const keys = [...new Set(results.map((r) => r.scenario))];
  for (const key of keys) {
    const of = results.filter((r) => r.scenario === key);
    out.push("", `== ${of[0]!.title}${of[0]!.steps[0] ? `, ${of[0]!.steps[0].seconds} s measured` : ""} ==`);
    out.push(key === "ramp" ? rampTable(of) : scenarioTable(of.find((r) => r.target === "relay"), of.filter((r) => r.target !== "relay")));
  }
  const t = targetRatios(results);
  const show = (v: number | null, goal: string) => (v === null ? "not measured in this run" : `${v.toFixed(2)}× (goal ${goal})`);
  out.push(
    "",
    "== issue 12 targets (parley/relay) ==",
    table([
      ["1,000 chats: customer → agent p99", show(t.p99At1000, "≤ 3×")],
      ["highest sustained acked rate (ramp)", show(t.highestRate, "≥ 0.5×")],
      ["memory per customer in a chat (1,000 chats)", show(t.memoryPerChattingCustomerAt1000, "≤ 1.5×")],
      ["server CPU per message (1,000 chats)", show(t.cpuPerMessageAt1000, "as low as it gets")],
    ]),
    "",
    "== issue 7 targets (scale-out on Redis) ==",
    table([
      ["1,000 chats: customer → agent p99, one node on Redis / relay", show(t.redis1P99At1000, "≤ 5×")],
      ["1,000 chats: customer → agent p99, three nodes on Redis / relay", show(t.redis3P99At1000, "≤ 5×")],
      ["highest acked rate (ramp), three nodes / one node on Redis", show(t.threeNodesOverOne, "≥ 2×")],
    ]),
  );
  return out.join("\n");
}

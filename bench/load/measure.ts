// One scenario against one server: a fresh server process and load processes, agents signed in, customers
// connected, chats started and assigned, then the measured steps; memory read between the phases.
import { setPriority } from "node:os";
import { join } from "node:path";
import { agentAddress } from "./addresses.js";
import { AGENT_PASSWORD, CHATS_PER_AGENT, agentEmail } from "./accounts.js";
import { mergeSamples, startDrivers, type Driver } from "./drivers.js";
import type { RunSample } from "./driver-protocol.js";
import { stepFigures, type StepFigures } from "./figures.js";
import { split, type Scenario } from "./scenarios.js";
import { startTarget, type Target, type TargetName } from "./target.js";

export interface ScenarioResult {
  target: TargetName;
  scenario: string;
  title: string;
  customers: number;
  chats: number;
  loadProcesses: number;
  setupSeconds: number;
  /** Server RSS (after a full GC) with only the agents connected, with every customer connected, and after the first step. */
  rssBytes: { agentsOnly: number; customersConnected: number; afterRun: number };
  rssPerIdleCustomerKB: number;
  rssPerChattingCustomerKB: number;
  /** Registrations refused by the per-address limit (429): non-zero means the limit bit. */
  rateLimitedRegistrations: number;
  steps: StepFigures[];
  /** Ramp only: the highest offered rate that passed (0 when none did), and what stopped the ramp. */
  ramp: { highestPassedPerSecond: number; ackedPerSecondThere: number; stoppedBy: "server" | "load process" | "ceiling" } | null;
  error: string | null;
}

const DRAIN_FLOOR_SECONDS = 2;
const WARM_UP_PER_SECOND = 500;
const WARM_UP_SECONDS = 3;
/** Bounds every setup phase (2 minutes, plus 100 ms per customer or chat of one load process), so a run always ends by itself. */
const setupTimeoutMs = (items: number) => 120_000 + 100 * items;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** How every scenario of a run is driven. */
export interface RunOptions {
  loadProcesses: number;
  drainSeconds: number;
  /** Another build's server entry to measure as Parley (default: this checkout's dist/server/index.js). */
  parleyEntry?: string;
  /** A directory for a CPU profile of every measured step of every server (`--profile`); setup and warm-up are not profiled. */
  profileDir?: string;
  /** A directory for a sampling heap profile of every measured step (`--heap-profile`), and which kind (`--heap-profile-live`). */
  heapProfile?: { dir: string; all: boolean };
  /** Extra flags for node when it starts each server process (`--server-node-args`). */
  serverNodeArgs?: string[];
  /** A directory for each server process's output, `<target>-<scenario>.log` (`--server-log`). */
  serverLogDir?: string;
  /**
   * The scheduling priority (nice value, -20 to 19) every server process of every target runs at (`--server-priority`),
   * while the load processes and the runner stay at their own: with the load on the same cores, a negative value
   * lets the server have them first, as it would when its customers are on other machines. Unset: unchanged.
   */
  serverPriority?: number;
  log: (line: string) => void;
}

export async function runScenario(name: TargetName, scenario: Scenario, { loadProcesses, drainSeconds, parleyEntry, profileDir, heapProfile, serverNodeArgs, serverLogDir, serverPriority, log }: RunOptions): Promise<ScenarioResult> {
  const customers = split(scenario.customers, loadProcesses);
  const chats = split(scenario.chats, loadProcesses);
  const agents = chats.map((n) => Math.max(1, Math.ceil(n / CHATS_PER_AGENT)));
  const drivers = startDrivers(loadProcesses);
  const result: ScenarioResult = {
    target: name, scenario: scenario.key, title: scenario.title, customers: scenario.customers, chats: scenario.chats, loadProcesses,
    setupSeconds: 0, rssBytes: { agentsOnly: 0, customersConnected: 0, afterRun: 0 }, rssPerIdleCustomerKB: 0, rssPerChattingCustomerKB: 0,
    rateLimitedRegistrations: 0, steps: [], ramp: null, error: null,
  };
  let target: Target | null = null;
  try {
    const setupStart = Date.now();
    target = await startTarget(name, Object.fromEntries(drivers.map((d, i) => [d.language, agents[i]!])), { ...(parleyEntry !== undefined && { parleyEntry }), ...(serverNodeArgs && { nodeArgs: serverNodeArgs }), ...(serverLogDir !== undefined && { logBase: join(serverLogDir, `${name}-${scenario.key}`) }) });
    if (serverPriority !== undefined) for (const pid of target.pids) setPriority(pid, serverPriority);
    const nodes = placement(target.urls, drivers.length);
    let agentIndex = 0;
    await Promise.all(drivers.map((d, i) => {
      const list = Array.from({ length: agents[i]! }, (_, k) => ({ email: agentEmail(d.language, k), password: AGENT_PASSWORD, address: agentAddress(agentIndex++) }));
      return d.ask({ type: "agents", url: nodes[i]!.agents, agents: list }, setupTimeoutMs(list.length));
    }));
    result.rssBytes.agentsOnly = await target.settledRss();
    log(`${name} ${scenario.key}: ${agents.reduce((a, b) => a + b)} agents signed in; connecting ${scenario.customers} customers`);
    const firsts = customers.map((_, i) => customers.slice(0, i).reduce((a, b) => a + b, 0));
    const registered = await Promise.all(drivers.map((d, i) => d.ask({ type: "customers", urls: nodes[i]!.customers, first: firsts[i]!, count: customers[i]! }, setupTimeoutMs(customers[i]!))));
    result.rateLimitedRegistrations = registered.reduce((sum, r) => sum + (r.type === "ok" ? (r.rateLimited ?? 0) : 0), 0);
    result.rssBytes.customersConnected = await target.settledRss();
    log(`${name} ${scenario.key}: customers connected; starting ${scenario.chats} chats`);
    await Promise.all(drivers.map((d, i) => d.ask({ type: "chats", language: d.language, count: chats[i]! }, setupTimeoutMs(chats[i]!))));
    result.setupSeconds = (Date.now() - setupStart) / 1000;
    log(`${name} ${scenario.key}: every chat assigned after ${result.setupSeconds.toFixed(1)} s of setup`);

    // Unmeasured warm-up (JIT, buffers, timers) on both sides, at a gentle rate.
    const warmRate = Math.min(WARM_UP_PER_SECOND, scenario.chats * scenario.steps[0]!.ratePerChat);
    await measureStep(target, drivers, 0, scenario.chats, warmRate / scenario.chats, WARM_UP_SECONDS, DRAIN_FLOOR_SECONDS, {});
    log(`${name} ${scenario.key}: warmed up at ${warmRate} msg/s for ${WARM_UP_SECONDS} s`);
    for (const [index, step] of scenario.steps.entries()) {
      const base = `${name}-${scenario.key}-${Math.round(scenario.chats * step.ratePerChat)}`;
      const profiles: StepProfiles = {
        ...(profileDir !== undefined && { cpu: join(profileDir, base) }),
        ...(heapProfile !== undefined && { heap: { base: join(heapProfile.dir, base), all: heapProfile.all } }),
      };
      const { written, ...figures } = await measureStep(target, drivers, index + 1, scenario.chats, step.ratePerChat, step.seconds, Math.max(DRAIN_FLOOR_SECONDS, drainSeconds), profiles);
      if (written.length > 0) log(`${name} ${scenario.key}: profiles of the step in ${written.join(", ")}`);
      result.steps.push(figures);
      log(`${name} ${scenario.key}: ${figures.offeredPerSecond} msg/s offered → p99 ${Number.isFinite(figures.delivery.p99) ? `${figures.delivery.p99.toFixed(1)} ms` : "never (some messages not delivered)"}, ${figures.ackedOk}/${figures.sent} acked${figures.passed ? "" : " (failed)"}`);
      // A server still busy with a backlog may not answer in time: the step's figures stand, the memory one is left out.
      if (index === 0) result.rssBytes.afterRun = await target.settledRss().catch(() => Number.NaN);
      if (scenario.ramp && (!figures.passed || figures.loadBound)) break;
    }
    const perKB = (bytes: number, n: number) => bytes / n / 1024;
    result.rssPerIdleCustomerKB = perKB(result.rssBytes.customersConnected - result.rssBytes.agentsOnly, scenario.customers);
    result.rssPerChattingCustomerKB = result.rssPerIdleCustomerKB + perKB(result.rssBytes.afterRun - result.rssBytes.customersConnected, scenario.chats);
    if (scenario.ramp) result.ramp = rampOutcome(result.steps, scenario.steps.length);
  } catch (error) {
    result.error = (error as Error).message;
    log(`${name} ${scenario.key}: ${result.error}`);
  } finally {
    await Promise.all(drivers.map((d) => d.stop()));
    await target?.stop();
  }
  return result;
}

/**
 * Where each load process's agents and customers connect. One node: all there. Several nodes: load process i's agents
 * on node i (mod n) and its customers spread over the other nodes, so every message crosses from one node to another
 * (its chats go to its own agents: one language per load process).
 */
export function placement(urls: string[], loadProcesses: number): { agents: string; customers: string[] }[] {
  return Array.from({ length: loadProcesses }, (_, i) => {
    const agents = urls[i % urls.length]!;
    return { agents, customers: urls.length === 1 ? urls : urls.filter((u) => u !== agents) };
  });
}

/** Profiles of one step, each a path without extension: the CPU profile, the sampling heap profile (every allocation with `all`). */
interface StepProfiles {
  cpu?: string;
  heap?: { base: string; all: boolean };
}

/** One step; each profile asked for covers the step's start to the end of its drain. */
async function measureStep(target: Target, drivers: Driver[], step: number, chats: number, ratePerChat: number, seconds: number, drainSeconds: number, profile: StepProfiles): Promise<StepFigures & { written: string[] }> {
  // Every load process gets the command well before the shared start time.
  const startAt = Date.now() + 1000;
  const replies = Promise.all(drivers.map((d) => d.ask({ type: "run", step, startAt, ratePerChat, seconds, drainSeconds }, (seconds + drainSeconds + 60) * 1000)));
  await sleep(startAt - Date.now() - 50);
  await target.resetLoopDelay();
  if (profile.cpu !== undefined) await target.startProfile();
  if (profile.heap !== undefined) await target.startHeapProfile(profile.heap.all);
  const cpuBefore = await target.cpuMs();
  const samples = (await replies).map((r) => (r as { sample: RunSample }).sample);
  const serverCpuMs = (await target.cpuMs()) - cpuBefore;
  const serverLoopDelayMs = await target.loopDelay();
  // Written after the CPU reading, so serialising the profile is not counted as the server's work.
  const written = [
    ...(profile.cpu === undefined ? [] : await target.stopProfile(profile.cpu)),
    ...(profile.heap === undefined ? [] : await target.stopHeapProfile(profile.heap.base)),
  ];
  const figures = stepFigures(mergeSamples(samples), {
    offeredPerSecond: Math.round(chats * ratePerChat),
    seconds,
    startAt,
    serverCpuMs,
    serverLoopDelayMs: { p50: serverLoopDelayMs.p50Ms, p99: serverLoopDelayMs.p99Ms, max: serverLoopDelayMs.maxMs },
    serverGc: serverLoopDelayMs.gc,
  });
  return { ...figures, written };
}

function rampOutcome(steps: StepFigures[], planned: number): ScenarioResult["ramp"] {
  const passed = steps.filter((s) => s.passed);
  const best = passed.at(-1);
  const last = steps.at(-1);
  const stoppedBy = last?.loadBound ? "load process" : steps.length === planned && last?.passed ? "ceiling" : "server";
  return { highestPassedPerSecond: best?.offeredPerSecond ?? 0, ackedPerSecondThere: best?.ackedPerSecond ?? 0, stoppedBy };
}

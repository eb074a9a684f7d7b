// A measured server in its own process: Parley (dist/server/index.js on a temporary DATA_DIR, lowdb store, default
// settings), Parley on Redis (one or three node processes on a fresh redis-server), or the bare relay, each with the
// probe preloaded (probe.ts) and read from outside through /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distDir } from "../server-process.js";
import { cpuMs, rssBytes } from "./proc.js";
import type { GcFigures, ProbeReply, ProbeRequest } from "./probe-protocol.js";
import { startBenchRedis } from "./redis-server.js";
import { lowdbAgentStore, redisAgentStore, seedAgents } from "./seed.js";

/**
 * Which server a run measures: the bare relay; Parley on its embedded lowdb store (one node); Parley on Redis, one
 * node (`redis1`) or three node processes on one Redis (`redis3`).
 */
export type TargetName = "relay" | "parley" | "redis1" | "redis3";
export const TARGET_NAMES: readonly TargetName[] = ["relay", "parley", "redis1", "redis3"];

/** A started server (or cluster of them): its URLs and what the benchmark reads from it. */
export interface Target {
  name: TargetName;
  /** One per node (one for the relay and the lowdb node). */
  urls: string[];
  /** Server processes (nodes, and Redis on a cluster). */
  pids: number[];
  /** User + system CPU of every server process (the nodes and redis-server). */
  cpuMs(): Promise<number>;
  /** RSS in bytes after a full garbage collection in each node, summed over the nodes and redis-server. */
  settledRss(): Promise<number>;
  resetLoopDelay(): Promise<void>;
  /** The worst node's event-loop delay. */
  loopDelay(): Promise<LoopFigures>;
  /** Starts a CPU profile in every node (`--profile`). */
  startProfile(): Promise<void>;
  /** Stops the nodes' CPU profiles and writes them to `<base>.cpuprofile` (one node) or `<base>-node<i>.cpuprofile`; returns the files. */
  stopProfile(base: string): Promise<string[]>;
  /** Starts a sampling heap profile in every node (`--heap-profile`): every allocation with `all`, else what stays alive. */
  startHeapProfile(all: boolean): Promise<void>;
  /** Stops the heap profiles and writes them to `<base>.heapprofile` or `<base>-node<i>.heapprofile`; returns the files. */
  stopHeapProfile(base: string): Promise<string[]>;
  stop(): Promise<void>;
}

/** The event-loop delay (on several nodes the worst node's) and the collector's pauses (summed over nodes, longest of any). */
export interface LoopFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  gc: GcFigures;
}

const START_TIMEOUT_MS = 30_000;

/** One measured server process: Parley or the relay with the probe preloaded. */
interface ServerProcess {
  url: string;
  pid: number;
  cpuMs(): Promise<number>;
  settledRss(): Promise<number>;
  resetLoopDelay(): Promise<void>;
  loopDelay(): Promise<LoopFigures>;
  startProfile(): Promise<void>;
  stopProfile(path: string): Promise<void>;
  startHeapProfile(all: boolean): Promise<void>;
  stopHeapProfile(path: string): Promise<void>;
  stop(): Promise<void>;
}

/** How a target's server processes are started: another build as Parley, extra flags for node (`--server-node-args`). */
export interface TargetOptions {
  parleyEntry?: string;
  nodeArgs?: string[];
  /** Each server process's output also goes to `<logBase>.log` (one node) or `<logBase>-node<i>.log` (`--server-log`). */
  logBase?: string;
}

export async function startTarget(name: TargetName, agentsPerLanguage: Record<string, number>, { parleyEntry, nodeArgs = [], logBase }: TargetOptions = {}): Promise<Target> {
  const dist = distDir();
  const parley = parleyEntry ?? join(dist, "server/index.js");
  if (name === "relay" || name === "parley") {
    const dataDir = await mkdtemp(join(tmpdir(), `parley-bench-load-${name}-`));
    if (name === "parley") await seedAgents(lowdbAgentStore(dataDir), agentsPerLanguage);
    const server = await startServerProcess(name === "parley" ? parley : join(dist, "bench/load/relay.js"), { DATA_DIR: dataDir }, nodeArgs, logBase === undefined ? null : `${logBase}.log`).catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
    const stopProfile = async (base: string) => [await server.stopProfile(`${base}.cpuprofile`).then(() => `${base}.cpuprofile`)];
    const stopHeapProfile = async (base: string) => [await server.stopHeapProfile(`${base}.heapprofile`).then(() => `${base}.heapprofile`)];
    return { name, urls: [server.url], pids: [server.pid], ...pick(server), stopProfile, stopHeapProfile, stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    } };
  }
  // Parley on Redis: a fresh redis-server (AOF, fsync on every write: an ack means on disk, as with lowdb), the agents
  // in Redis, and one or three node processes, each with its own DATA_DIR and one shared UPLOAD_DIR.
  const count = name === "redis3" ? 3 : 1;
  const redis = await startBenchRedis();
  const dirs: string[] = [];
  const nodes: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await redis.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  };
  try {
    await seedAgents(redisAgentStore(redis.url), agentsPerLanguage);
    const uploads = await mkdtemp(join(tmpdir(), "parley-bench-load-uploads-"));
    dirs.push(uploads);
    for (let i = 0; i < count; i++) {
      const dataDir = await mkdtemp(join(tmpdir(), `parley-bench-load-${name}-node${i}-`));
      dirs.push(dataDir);
      nodes.push(await startServerProcess(parley, { DATA_DIR: dataDir, REDIS_URL: redis.url, UPLOAD_DIR: uploads }, nodeArgs, logBase === undefined ? null : `${logBase}-node${i}.log`));
    }
    await waitForDesk(nodes.map((n) => n.url));
  } catch (error) {
    await stop();
    throw error;
  }
  const sum = async (values: Promise<number>[]) => (await Promise.all(values)).reduce((a, b) => a + b, 0);
  return {
    name,
    urls: nodes.map((n) => n.url),
    pids: [...nodes.map((n) => n.pid), redis.pid],
    cpuMs: () => sum([...nodes.map((n) => n.cpuMs()), cpuMs(redis.pid)]),
    settledRss: () => sum([...nodes.map((n) => n.settledRss()), rssBytes(redis.pid)]),
    resetLoopDelay: async () => void (await Promise.all(nodes.map((n) => n.resetLoopDelay()))),
    loopDelay: async () => {
      const all = await Promise.all(nodes.map((n) => n.loopDelay()));
      const total = (pick: (g: GcFigures) => number) => all.reduce((a, d) => a + pick(d.gc), 0);
      const gc = { totalMs: total((g) => g.totalMs), maxMs: Math.max(...all.map((d) => d.gc.maxMs)), major: total((g) => g.major), allocatedBytes: total((g) => g.allocatedBytes), promotedBytes: total((g) => g.promotedBytes) };
      return { p50Ms: Math.max(...all.map((d) => d.p50Ms)), p99Ms: Math.max(...all.map((d) => d.p99Ms)), maxMs: Math.max(...all.map((d) => d.maxMs)), gc };
    },
    startProfile: async () => void (await Promise.all(nodes.map((n) => n.startProfile()))),
    stopProfile: (base) => Promise.all(nodes.map(async (n, i) => {
      const path = `${base}-node${i}.cpuprofile`;
      await n.stopProfile(path);
      return path;
    })),
    startHeapProfile: async (all) => void (await Promise.all(nodes.map((n) => n.startHeapProfile(all)))),
    stopHeapProfile: (base) => Promise.all(nodes.map(async (n, i) => {
      const path = `${base}-node${i}.heapprofile`;
      await n.stopHeapProfile(path);
      return path;
    })),
    stop,
  };
}

const pick = (s: ServerProcess) => ({ cpuMs: s.cpuMs, settledRss: s.settledRss, resetLoopDelay: s.resetLoopDelay, loopDelay: s.loopDelay, startProfile: s.startProfile, startHeapProfile: s.startHeapProfile });

/** Waits until one node runs the desk (its /healthz says so), so setup does not meet the desk still starting. */
async function waitForDesk(urls: string[]): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const desks = await Promise.all(urls.map(async (url) => ((await (await fetch(`${url}/healthz`)).json()) as { desk?: boolean }).desk === true).map((p) => p.catch(() => false)));
    if (desks.some(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`no node took the desk within ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startServerProcess(entry: string, env: Record<string, string>, nodeArgs: string[], logPath: string | null): Promise<ServerProcess> {
  const dist = distDir();
  const child = spawn(process.execPath, [...nodeArgs, "--expose-gc", "--import", join(dist, "bench/load/probe.js"), entry], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "json",
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  if (logPath !== null) {
    const log = createWriteStream(logPath);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const port = await listeningPort(child, () => output);
    return { url: `http://127.0.0.1:${port}`, pid: child.pid!, ...probeCalls(child), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output()}`)), START_TIMEOUT_MS);
    const look = () => {
      const match = /"port":(\d+)[^\n]*is listening/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", look);
      resolve(Number(match[1]));
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

/** Each member of a union without its `id` (Omit on the union itself would merge the members). */
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

function probeCalls(child: ChildProcess) {
  let next = 0;
  const pending = new Map<number, (reply: ProbeReply) => void>();
  child.on("message", (reply: ProbeReply) => pending.get(reply.id)?.(reply));
  const ask = (request: WithoutId<ProbeRequest>) =>
    new Promise<ProbeReply>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`the server's probe did not answer ${request.type} within 60 s`)), 60_000);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        if (reply.type === "error") reject(new Error(`the server's probe: ${reply.message}`));
        else resolve(reply);
      });
      child.send({ id, ...request } as ProbeRequest);
    });
  return {
    cpuMs: () => cpuMs(child.pid!),
    settledRss: async () => {
      await ask({ type: "gc" });
      return rssBytes(child.pid!);
    },
    resetLoopDelay: async () => void (await ask({ type: "eld:reset" })),
    startProfile: async () => void (await ask({ type: "profile:start" })),
    stopProfile: async (path: string) => void (await ask({ type: "profile:stop", path })),
    startHeapProfile: async (all: boolean) => void (await ask({ type: "heap:start", all })),
    stopHeapProfile: async (path: string) => void (await ask({ type: "heap:stop", path })),
    loopDelay: async () => {
      const reply = await ask({ type: "eld:read" });
      if (reply.type !== "eld") throw new Error("unexpected probe reply");
      return { p50Ms: reply.p50Ms, p99Ms: reply.p99Ms, maxMs: reply.maxMs, gc: reply.gc };
    },
  };
}

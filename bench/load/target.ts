// A measured server in its own process: Parley (dist/server/index.js on a temporary DATA_DIR, lowdb store, default
// settings) or the bare relay, each with the probe preloaded (probe.ts) and read from outside through /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMs, rssBytes } from "./proc.js";
import type { ProbeReply, ProbeRequest } from "./probe-protocol.js";
import { seedAgents } from "./seed.js";

/** Which server a run measures. */
export type TargetName = "relay" | "parley";

/** A started server: its URL and what the benchmark reads from it. */
export interface Target {
  name: TargetName;
  url: string;
  pid: number;
  cpuMs(): Promise<number>;
  /** RSS in bytes after a full garbage collection in the server (so a figure is not one GC cycle's leftovers). */
  settledRss(): Promise<number>;
  resetLoopDelay(): Promise<void>;
  loopDelay(): Promise<{ p50Ms: number; p99Ms: number; maxMs: number }>;
  stop(): Promise<void>;
}

/**
 * The build output (dist/ beside package.json), found from this module whether it runs bundled in
 * dist/bench/run.js or as source under vitest: the servers, the probe and the load process always run built.
 */
export function distDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(join(dir, "package.json")); i++) dir = dirname(dir);
  return join(dir, "dist");
}
const START_TIMEOUT_MS = 30_000;

export async function startTarget(name: TargetName, agentsPerLanguage: Record<string, number>, parleyEntry?: string): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), `parley-bench-load-${name}-`));
  if (name === "parley") await seedAgents(dataDir, agentsPerLanguage);
  const dist = distDir();
  const entry = name === "parley" ? (parleyEntry ?? join(dist, "server/index.js")) : join(dist, "bench/load/relay.js");
  const child = spawn(process.execPath, ["--expose-gc", "--import", join(dist, "bench/load/probe.js"), entry], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    serialization: "json",
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-20_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await listeningPort(child, () => output);
    return { name, url: `http://127.0.0.1:${port}`, pid: child.pid!, ...probeCalls(child), stop };
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

function probeCalls(child: ChildProcess) {
  let next = 0;
  const pending = new Map<number, (reply: ProbeReply) => void>();
  child.on("message", (reply: ProbeReply) => pending.get(reply.id)?.(reply));
  const ask = (type: ProbeRequest["type"]) =>
    new Promise<ProbeReply>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => reject(new Error(`the server's probe did not answer ${type} within 60 s`)), 60_000);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(reply);
      });
      child.send({ id, type } satisfies ProbeRequest);
    });
  return {
    cpuMs: () => cpuMs(child.pid!),
    settledRss: async () => {
      await ask("gc");
      return rssBytes(child.pid!);
    },
    resetLoopDelay: async () => void (await ask("eld:reset")),
    loopDelay: async () => {
      const reply = await ask("eld:read");
      if (reply.type !== "eld") throw new Error("unexpected probe reply");
      return { p50Ms: reply.p50Ms, p99Ms: reply.p99Ms, maxMs: reply.maxMs };
    },
  };
}

// The load processes, seen from the benchmark: forked with a binary-safe IPC channel (latency samples travel as
// Float64Arrays), each given one language so that its customers' chats go to its own agents.
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { DriverCommand, DriverReply, RunSample } from "./driver-protocol.js";
import { distDir } from "../server-process.js";

export interface Driver {
  language: string;
  pid: number;
  /** Sends a command and waits for its answer; a load process silent for `timeoutMs` fails the scenario. */
  ask(command: DriverCommand, timeoutMs: number): Promise<DriverReply & { type: "ok" | "run" }>;
  stop(): Promise<void>;
}

/** The languages the load processes use, one each (Parley has both by default). */
export const DRIVER_LANGUAGES = ["en", "de", "es", "fr"];

export function startDrivers(count: number): Driver[] {
  return DRIVER_LANGUAGES.slice(0, count).map((language) => startDriver(language));
}

function startDriver(language: string): Driver {
  const child: ChildProcess = fork(join(distDir(), "bench/load/driver.js"), [], { serialization: "advanced", stdio: ["ignore", 2, 2, "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let waiting: ((reply: DriverReply) => void) | null = null;
  child.on("message", (reply: DriverReply) => waiting?.(reply));
  child.once("exit", (code) => waiting?.({ type: "error", message: `load process ${language} exited with ${code}` }));
  let chain = Promise.resolve() as Promise<unknown>;
  return {
    language,
    pid: child.pid!,
    ask(command, timeoutMs) {
      const answer = chain.then(
        () =>
          new Promise<DriverReply>((resolve) => {
            const timer = setTimeout(() => resolve({ type: "error", message: `no answer to "${command.type}" within ${timeoutMs / 1000} s` }), timeoutMs);
            waiting = (reply) => {
              clearTimeout(timer);
              resolve(reply);
            };
            child.send(command);
          }),
      );
      chain = answer.catch(() => undefined);
      return answer.then((reply) => {
        if (reply.type === "error") throw new Error(`load process ${language}: ${reply.message}`);
        return reply;
      });
    },
    async stop() {
      if (child.connected) child.send({ type: "close" } satisfies DriverCommand);
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The load processes' samples of one run as one. */
export function mergeSamples(samples: RunSample[]): RunSample {
  const sum = (pick: (s: RunSample) => number) => samples.reduce((total, s) => total + pick(s), 0);
  const ackErrors: Record<string, number> = {};
  for (const s of samples) for (const [code, n] of Object.entries(s.ackErrors)) ackErrors[code] = (ackErrors[code] ?? 0) + n;
  const concat = (pick: (s: RunSample) => Float64Array) => {
    const out = new Float64Array(sum((s) => pick(s).length));
    let at = 0;
    for (const s of samples) (out.set(pick(s), at), (at += pick(s).length));
    return out;
  };
  return {
    sent: sum((s) => s.sent),
    ackedOk: sum((s) => s.ackedOk),
    ackErrors,
    unacked: sum((s) => s.unacked),
    delivered: sum((s) => s.delivered),
    lost: sum((s) => s.lost),
    duplicated: sum((s) => s.duplicated),
    outOfOrder: sum((s) => s.outOfOrder),
    stray: sum((s) => s.stray),
    disconnects: sum((s) => s.disconnects),
    deliveryMs: concat((s) => s.deliveryMs),
    ackMs: concat((s) => s.ackMs),
    lastAckAt: Math.max(...samples.map((s) => (Number.isNaN(s.lastAckAt) ? 0 : s.lastAckAt))),
    latenessP99Ms: Math.max(...samples.map((s) => s.latenessP99Ms)),
    latenessMaxMs: Math.max(...samples.map((s) => s.latenessMaxMs)),
    cpuMs: sum((s) => s.cpuMs),
    wallMs: Math.max(...samples.map((s) => s.wallMs)),
  };
}

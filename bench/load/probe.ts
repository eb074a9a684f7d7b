// Loaded into a measured server process with `node --expose-gc --import probe.js <server>` (Parley and the relay
// alike), so the benchmark reads the server's own event-loop delay without any change to the server. It only acts
// when the benchmark asks over the IPC channel: reset or read the delay histogram, collect garbage before the
// benchmark reads RSS from /proc, or (with `--profile`) record a CPU profile of one measured step through
// `node:inspector`. Outside the benchmark (no IPC channel) it does nothing.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import type { GcFigures, ProbeReply, ProbeRequest } from "./probe-protocol.js";
import { PROBE_RESOLUTION_MS } from "./probe-protocol.js";

const send = process.send?.bind(process);
const gc = (globalThis as { gc?: () => void }).gc;

if (send) {
  const delay = monitorEventLoopDelay({ resolution: PROBE_RESOLUTION_MS });
  delay.enable();
  // A sample is the time between two timer turns: the resolution itself is not delay.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - PROBE_RESOLUTION_MS);
  // Pauses of the garbage collector, so a step that fails on one long stall says whether the collector caused it.
  let gcFigures: GcFigures = { totalMs: 0, maxMs: 0, major: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcFigures.totalMs += entry.duration;
      gcFigures.maxMs = Math.max(gcFigures.maxMs, entry.duration);
      if (((entry as { detail?: { kind?: number } }).detail)?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcFigures.major++;
    }
  }).observe({ entryTypes: ["gc"] });
  let session: Session | null = null;
  const answer = async (request: ProbeRequest): Promise<ProbeReply> => {
    switch (request.type) {
      case "eld:reset":
        delay.reset();
        gcFigures = { totalMs: 0, maxMs: 0, major: 0 };
        return { id: request.id, type: "done" };
      case "eld:read":
        return { id: request.id, type: "eld", p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max), gc: { ...gcFigures } };
      case "gc":
        gc?.();
        return { id: request.id, type: "done" };
      case "profile:start":
        session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
        return { id: request.id, type: "done" };
      case "profile:stop": {
        if (!session) return { id: request.id, type: "error", message: "no profile was started" };
        const { profile } = await session.post("Profiler.stop");
        session.disconnect();
        session = null;
        await writeFile(request.path, JSON.stringify(profile));
        return { id: request.id, type: "done" };
      }
    }
  };
  process.on("message", (request: ProbeRequest) => {
    answer(request).then(send, (error: unknown) => send({ id: request.id, type: "error", message: (error as Error).message } satisfies ProbeReply));
  });
  // The channel must not keep a server alive that was asked to stop.
  process.channel?.unref();
}

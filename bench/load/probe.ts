// Loaded into a measured server process with `node --expose-gc --import probe.js <server>` (Parley and the relay
// alike), so the benchmark reads the server's own event-loop delay without any change to the server. It only acts
// when the benchmark asks over the IPC channel: reset or read the delay histogram, collect garbage before the
// benchmark reads RSS from /proc, or (with `--profile`) record a CPU profile of one measured step through
// `node:inspector`, or (with `--heap-profile`) a sampling heap profile. Outside the benchmark (no IPC channel) it does nothing.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { GCProfiler, getHeapStatistics } from "node:v8";
import type { GcFigures, ProbeReply, ProbeRequest } from "./probe-protocol.js";
import { PROBE_RESOLUTION_MS } from "./probe-protocol.js";

const send = process.send?.bind(process);
const gc = (globalThis as { gc?: () => void }).gc;

if (send) {
  const delay = monitorEventLoopDelay({ resolution: PROBE_RESOLUTION_MS });
  delay.enable();
  // A sample is the time between two timer turns: the resolution itself is not delay.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - PROBE_RESOLUTION_MS);
  // Every collection since the reset, with its pause and the heap before and after it: whether a step that fails on
  // one long stall owes it to the collector, what was allocated and what was promoted.
  let heap = { profiler: new GCProfiler(), usedAtStart: getHeapStatistics().used_heap_size };
  heap.profiler.start();
  let session: Session | null = null;
  let heapSession: Session | null = null;
  const answer = async (request: ProbeRequest): Promise<ProbeReply> => {
    switch (request.type) {
      case "eld:reset":
        delay.reset();
        heap.profiler.stop();
        heap = { profiler: new GCProfiler(), usedAtStart: getHeapStatistics().used_heap_size };
        heap.profiler.start();
        return { id: request.id, type: "done" };
      case "eld:read": {
        const usedNow = getHeapStatistics().used_heap_size;
        const gc = gcFigures(heap.profiler.stop()?.statistics ?? [], heap.usedAtStart, usedNow);
        heap = { profiler: new GCProfiler(), usedAtStart: usedNow };
        heap.profiler.start();
        return { id: request.id, type: "eld", p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max), gc };
      }
      case "gc":
        gc?.();
        return { id: request.id, type: "done" };
      case "profile:start":
        session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
        return { id: request.id, type: "done" };
      case "heap:start":
        heapSession = new Session();
        heapSession.connect();
        await heapSession.post("HeapProfiler.enable");
        await heapSession.post("HeapProfiler.startSampling", {
          samplingInterval: 16_384,
          includeObjectsCollectedByMajorGC: request.all,
          includeObjectsCollectedByMinorGC: request.all,
        });
        return { id: request.id, type: "done" };
      case "heap:stop": {
        if (!heapSession) return { id: request.id, type: "error", message: "no heap profile was started" };
        const { profile } = await heapSession.post("HeapProfiler.stopSampling");
        heapSession.disconnect();
        heapSession = null;
        await writeFile(request.path, JSON.stringify(profile));
        return { id: request.id, type: "done" };
      }
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

/** The young generation's spaces; every other space is the old generation. */
const YOUNG = new Set(["new_space", "new_large_object_space"]);
const oldBytes = (spaces: readonly { spaceName: string; spaceUsedSize: number }[]) =>
  spaces.reduce((sum, s) => (YOUNG.has(s.spaceName) ? sum : sum + s.spaceUsedSize), 0);

/** One collection as `GCProfiler` reports it; `cost` is its pause in µs. */
type GcStatistics = { gcType: string; cost: number; beforeGC: HeapAt; afterGC: HeapAt };
type HeapAt = { heapStatistics: { usedHeapSize: number }; heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[] };

/**
 * The collections between two readings of the heap's use (`usedAtStart`, `usedNow`): their pauses (summed, the
 * longest, and how many were full mark-compact collections); the bytes allocated — the growth up to each collection,
 * and after the last; and the bytes promoted — the old generation's growth across each young-generation collection
 * (Scavenge, MinorMarkSweep).
 */
function gcFigures(statistics: readonly GcStatistics[], usedAtStart: number, usedNow: number): GcFigures {
  let totalMs = 0;
  let maxMs = 0;
  let major = 0;
  let allocatedBytes = 0;
  let promotedBytes = 0;
  let used = usedAtStart;
  for (const { gcType, cost, beforeGC, afterGC } of statistics) {
    totalMs += cost / 1000;
    maxMs = Math.max(maxMs, cost / 1000);
    if (gcType === "MarkSweepCompact") major++;
    allocatedBytes += Math.max(0, beforeGC.heapStatistics.usedHeapSize - used);
    used = afterGC.heapStatistics.usedHeapSize;
    if (gcType === "Scavenge" || gcType === "MinorMarkSweep") promotedBytes += Math.max(0, oldBytes(afterGC.heapSpaceStatistics) - oldBytes(beforeGC.heapSpaceStatistics));
  }
  allocatedBytes += Math.max(0, usedNow - used);
  return { totalMs, maxMs, major, allocatedBytes, promotedBytes };
}

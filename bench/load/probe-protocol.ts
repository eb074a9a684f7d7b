// The messages between the benchmark and the probe inside a measured server process (see probe.ts).

/** How often the probe's event-loop timer runs; subtracted from every sample. */
export const PROBE_RESOLUTION_MS = 2;

/** The garbage collector's work since the last reset, from `v8.GCProfiler` (each collection's type, pause and heap). */
export interface GcFigures {
  /** Every pause, summed, in ms. */
  totalMs: number;
  /** The longest single pause in ms. */
  maxMs: number;
  /** Full (mark-compact) collections. */
  major: number;
  /**
   * Bytes allocated on the JavaScript heap (what every collection freed plus the heap's growth; from `v8.GCProfiler`'s
   * heap statistics before and after each collection).
   */
  allocatedBytes: number;
  /** Bytes the scavenges moved into the old generation (its growth across each young-generation collection). */
  promotedBytes: number;
}

export type ProbeRequest =
  | { id: number; type: "eld:reset" }
  | { id: number; type: "eld:read" }
  | { id: number; type: "gc" }
  /** Start a CPU profile of the server (`--profile`): a measured step begins. */
  | { id: number; type: "profile:start" }
  /** Stop the CPU profile and write it to `path` (a `.cpuprofile` for Chrome DevTools): the step has drained. */
  | { id: number; type: "profile:stop"; path: string }
  /**
   * Start the sampling heap profiler (`--heap-profile`): with `all`, every allocation sampled, also what the collector
   * freed since; without, only what is still alive when it stops.
   */
  | { id: number; type: "heap:start"; all: boolean }
  /** Stop it and write the profile to `path` (a `.heapprofile` for Chrome DevTools). */
  | { id: number; type: "heap:stop"; path: string };

export type ProbeReply =
  | { id: number; type: "done" }
  | { id: number; type: "eld"; p50Ms: number; p99Ms: number; maxMs: number; gc: GcFigures }
  | { id: number; type: "error"; message: string };

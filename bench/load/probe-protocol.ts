// The messages between the benchmark and the probe inside a measured server process (see probe.ts).

/** How often the probe's event-loop timer runs; subtracted from every sample. */
export const PROBE_RESOLUTION_MS = 2;

/** The garbage collector's pauses since the last reset, from `PerformanceObserver` "gc" entries. */
export interface GcFigures {
  /** Every pause, summed, in ms. */
  totalMs: number;
  /** The longest single pause in ms. */
  maxMs: number;
  /** Full (mark-compact) collections. */
  major: number;
}

export type ProbeRequest =
  | { id: number; type: "eld:reset" }
  | { id: number; type: "eld:read" }
  | { id: number; type: "gc" }
  /** Start a CPU profile of the server (`--profile`): a measured step begins. */
  | { id: number; type: "profile:start" }
  /** Stop the CPU profile and write it to `path` (a `.cpuprofile` for Chrome DevTools): the step has drained. */
  | { id: number; type: "profile:stop"; path: string };

export type ProbeReply =
  | { id: number; type: "done" }
  | { id: number; type: "eld"; p50Ms: number; p99Ms: number; maxMs: number; gc: GcFigures }
  | { id: number; type: "error"; message: string };

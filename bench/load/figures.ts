// The figures of one measured step, from the load processes' merged sample and the server's own CPU and loop delay.
import type { RunSample } from "./driver-protocol.js";
import type { GcFigures } from "./probe-protocol.js";
import { RAMP_P99_MS } from "./scenarios.js";

/** p50 / p99 / max in ms over every message sent: a message never acked (or never delivered) counts as infinitely late. */
export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export interface StepFigures {
  offeredPerSecond: number;
  seconds: number;
  sent: number;
  ackedOk: number;
  ackErrors: Record<string, number>;
  unacked: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  stray: number;
  disconnects: number;
  delivery: Spread;
  ack: Spread;
  /** Messages acked, divided by the time from the first intended send to the last ack. */
  ackedPerSecond: number;
  serverCpuMsPerMessage: number;
  serverLoopDelayMs: Spread;
  /** The server's garbage-collector pauses during the step (on several nodes: summed, and the longest of any node). */
  serverGc: GcFigures;
  /** All load processes' CPU over the step, in % of one core, and per message. */
  loadCpuPercent: number;
  loadCpuMsPerMessage: number;
  /** How late the load processes emitted (p99, max over them): large values mean the load, not the server, was behind. */
  sendLatenessP99Ms: number;
  sendLatenessMaxMs: number;
  /** Everything acked and delivered once and in order, nobody dropped, both p99 within the ramp's goal. */
  passed: boolean;
  /** The load processes could not keep their own schedule (send lateness p99 above 20 ms). */
  loadBound: boolean;
}

/** Nearest-rank percentiles of `samples` among `total` messages; the missing ones rank last. */
export function spread(samples: Float64Array, total: number): Spread {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => {
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    return rank > sorted.length ? Number.POSITIVE_INFINITY : sorted[rank - 1]!;
  };
  return { p50: at(50), p99: at(99), max: total === 0 ? Number.NaN : at(100) };
}

export function stepFigures(
  sample: RunSample,
  { offeredPerSecond, seconds, startAt, serverCpuMs, serverLoopDelayMs, serverGc }: { offeredPerSecond: number; seconds: number; startAt: number; serverCpuMs: number; serverLoopDelayMs: Spread; serverGc: GcFigures },
): StepFigures {
  const errors = Object.values(sample.ackErrors).reduce((a, b) => a + b, 0);
  const delivery = spread(sample.deliveryMs, sample.sent);
  const ack = spread(sample.ackMs, sample.sent);
  const clean = sample.sent > 0 && sample.unacked === 0 && errors === 0 && sample.lost === 0 && sample.duplicated === 0 && sample.outOfOrder === 0 && sample.disconnects === 0;
  return {
    offeredPerSecond,
    seconds,
    sent: sample.sent,
    ackedOk: sample.ackedOk,
    ackErrors: sample.ackErrors,
    unacked: sample.unacked,
    lost: sample.lost,
    duplicated: sample.duplicated,
    outOfOrder: sample.outOfOrder,
    stray: sample.stray,
    disconnects: sample.disconnects,
    delivery,
    ack,
    ackedPerSecond: sample.ackedOk > 0 ? sample.ackedOk / ((sample.lastAckAt - startAt) / 1000) : 0,
    serverCpuMsPerMessage: sample.ackedOk > 0 ? serverCpuMs / sample.ackedOk : Number.NaN,
    serverLoopDelayMs,
    serverGc,
    loadCpuPercent: (100 * sample.cpuMs) / sample.wallMs,
    loadCpuMsPerMessage: sample.sent > 0 ? sample.cpuMs / sample.sent : Number.NaN,
    sendLatenessP99Ms: sample.latenessP99Ms,
    sendLatenessMaxMs: sample.latenessMaxMs,
    passed: clean && delivery.p99 <= RAMP_P99_MS && ack.p99 <= RAMP_P99_MS,
    loadBound: sample.latenessP99Ms > 20,
  };
}

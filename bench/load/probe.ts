// Loaded into a measured server process with `node --expose-gc --import probe.js <server>` (Parley and the relay
// alike), so the benchmark reads the server's own event-loop delay without any change to the server. It only acts
// when the benchmark asks over the IPC channel: reset or read the delay histogram, or collect garbage before the
// benchmark reads RSS from /proc. Outside the benchmark (no IPC channel) it does nothing.
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ProbeReply, ProbeRequest } from "./probe-protocol.js";
import { PROBE_RESOLUTION_MS } from "./probe-protocol.js";

const send = process.send?.bind(process);
const gc = (globalThis as { gc?: () => void }).gc;

if (send) {
  const delay = monitorEventLoopDelay({ resolution: PROBE_RESOLUTION_MS });
  delay.enable();
  // A sample is the time between two timer turns: the resolution itself is not delay.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - PROBE_RESOLUTION_MS);
  process.on("message", (request: ProbeRequest) => {
    let reply: ProbeReply;
    if (request.type === "eld:reset") {
      delay.reset();
      reply = { id: request.id, type: "done" };
    } else if (request.type === "eld:read") {
      reply = { id: request.id, type: "eld", p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max) };
    } else {
      gc?.();
      reply = { id: request.id, type: "done" };
    }
    send(reply);
  });
  // The channel must not keep a server alive that was asked to stop.
  process.channel?.unref();
}

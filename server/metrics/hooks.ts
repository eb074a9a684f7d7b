// Where the transports report errors to the metrics: error acks on sockets and error bodies over HTTP. Codes are
// the protocol's closed set (anything else counts as "other"), so the label cannot grow without bound.
import type { RequestHandler } from "express";
import { ERROR_CODES } from "../protocol/ack.js";
import type { Metrics } from "./metrics.js";

const known = new Set<string>(ERROR_CODES);
const codeOf = (body: unknown): string | null => {
  if (typeof body !== "object" || body === null || (body as { ok?: unknown }).ok !== false) return null;
  const code = (body as { error?: unknown }).error;
  return typeof code === "string" && known.has(code) ? code : "other";
};

interface AckedSocket {
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
}

/** Wraps every inbound event's ack so an error answer is counted. */
export function countSocketErrors(socket: AckedSocket, metrics: Pick<Metrics, "error">): void {
  socket.use((packet, next) => {
    const last = packet.length - 1;
    const ack = packet[last];
    if (last > 0 && typeof ack === "function") {
      packet[last] = (reply: unknown, ...rest: unknown[]) => {
        const code = codeOf(reply);
        if (code) metrics.error(code, "socket");
        return (ack as (...args: unknown[]) => unknown)(reply, ...rest);
      };
    }
    next();
  });
}

/** Counts JSON error bodies (`{ ok: false, error }`) sent over HTTP. */
export function countHttpErrors(metrics: Pick<Metrics, "error">): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const code = codeOf(body);
      if (code) metrics.error(code, "http");
      return json(body);
    };
    next();
  };
}

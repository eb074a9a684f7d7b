// The one way an inbound socket event is handled: validate → act → ack. Remote input never throws out of here;
// every event that carries an ack callback is answered, errors included (a client's ordered retry queue depends on it).
import type { Logger } from "pino";
import type { ZodType } from "zod";
import { fail } from "../desk/result.js";
import { DeskError } from "../desk/result.js";
import type { Ack } from "../protocol/ack.js";
import type { RateLimiter } from "../http/rate-limit.js";
import { zodIssues } from "../http/validation.js";

interface Listener {
  on(event: string, fn: (...args: unknown[]) => void): unknown;
  id: string;
}

export interface BindOptions {
  logger: Logger;
  /** Refuses with `rate_limited` when the socket has no token left. */
  limiter?: RateLimiter;
}

/** Registers `event` on `socket`: payload checked against `schema`, then `act`, whose result is the ack. */
export function bind<S extends ZodType, T>(
  socket: Listener,
  event: string,
  schema: S,
  act: (payload: S["_output"]) => Promise<Ack<T>>,
  options: BindOptions,
): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = args.at(-1);
    // An event without an ack callback is not ours to answer: ignore it rather than act without telling anyone.
    if (typeof ack !== "function" || args.length > 2) return;
    const reply = (value: Ack<T>) => {
      try {
        (ack as (v: Ack<T>) => void)(value);
      } catch (err) {
        options.logger.warn({ err, event }, "ack failed");
      }
    };
    if (options.limiter && !options.limiter.take(socket.id)) {
      reply(fail("rate_limited", "Too many requests; slow down and retry"));
      return;
    }
    const parsed = schema.safeParse(args.length === 2 ? args[0] : undefined);
    if (!parsed.success) {
      reply(fail("invalid_payload", `Invalid ${event} payload`, zodIssues(parsed.error)));
      return;
    }
    act(parsed.data).then(reply, (err: unknown) => {
      if (err instanceof DeskError) return reply(err.ack);
      options.logger.error({ err, event }, "socket handler failed");
      // A system error (ENOSPC, EIO…) is the store failing: the client keeps the message and retries.
      const systemError = typeof err === "object" && err !== null && "code" in err;
      reply(systemError ? fail("storage_unavailable", "Could not be stored right now; retry") : fail("internal", "Something went wrong; retry"));
    });
  });
}

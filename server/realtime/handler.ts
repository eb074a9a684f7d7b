// The one way an inbound socket event is handled: validate → act → ack → deliver the effects. Remote input never throws
// out of here; every event that carries an ack callback is answered, errors included (a client's ordered retry queue
// depends on it). Typed by the protocol's event maps: a misspelt event or a schema of the wrong payload does not compile.
import type { Logger } from "pino";
import type { ZodType } from "zod";
import type { DeskEffect, Outcome } from "../desk/effects.js";
import { DeskError, fail } from "../desk/result.js";
import type { Ack, AckFn } from "../protocol/ack.js";
import type { RateLimiter } from "../http/rate-limit.js";
import { zodIssues } from "../http/validation.js";

/** The payload an event of an event map carries. */
export type PayloadOf<F> = F extends (...args: infer A) => void ? A[0] : never;
/** The data its successful ack carries. */
export type ReplyOf<F> = F extends (...args: infer A) => void ? (A[1] extends AckFn<infer T> ? T : never) : never;

interface Listener {
  on(event: string, fn: (...args: unknown[]) => void): unknown;
  /** Socket.IO's per-socket middleware: sees every inbound event before its listeners. */
  use?(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
  id: string;
}

export interface BindOptions {
  logger: Logger;
  /** Refuses with `rate_limited` when the key (default: the socket) has no token left. */
  limiter?: RateLimiter;
  /** The rate limiter's key, when not per socket (e.g. per visitor across all their sockets). */
  limitKey?: string;
}

/** Delivers an operation's effects once the sender has its ack (see delivery.ts). */
export type Deliver = (effects: DeskEffect[], senderSocketId?: string) => void;

/** `bind(event, schema, act, options)` for one socket whose inbound events are `Events`. */
export type Binder<Events> = <E extends keyof Events & string>(
  event: E,
  schema: ZodType<PayloadOf<Events[E]>>,
  act: (payload: PayloadOf<Events[E]>) => Promise<Outcome<ReplyOf<Events[E]>>>,
  options: BindOptions,
) => void;

/** A binder for `socket`: each bound event is validated, acted on, acked, and its effects delivered. */
export function binder<Events>(socket: Listener, deliver: Deliver): Binder<Events> {
  const known = new Set<string>();
  // Every event with an ack is answered, also one this namespace does not know (a typo, the other namespace's).
  socket.use?.((packet, next) => {
    const [event, ...args] = packet;
    if (typeof event === "string" && known.has(event)) return next();
    const ack = args.at(-1);
    if (typeof ack === "function") {
      try {
        (ack as (v: Ack<unknown>) => void)(fail("unknown_event", `Unknown event ${JSON.stringify(String(event)).slice(0, 80)} on this namespace`));
      } catch {
        // The client went away meanwhile: nothing to answer.
      }
    }
  });
  return (event, schema, act, options) => {
    known.add(event);
    socket.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      // An event without an ack callback is not ours to answer: ignore it rather than act without telling anyone.
      if (typeof ack !== "function") return;
      const reply = (value: Ack<unknown>) => {
        try {
          (ack as (v: Ack<unknown>) => void)(value);
        } catch (err) {
          options.logger.warn({ err, event }, "ack failed");
        }
      };
      if (args.length > 2) {
        reply(fail("invalid_payload", `${event} takes one payload argument and an ack`));
        return;
      }
      if (options.limiter && !options.limiter.take(options.limitKey ?? socket.id)) {
        reply(fail("rate_limited", "Too many requests; slow down and retry"));
        return;
      }
      const parsed = schema.safeParse(args.length === 2 ? args[0] : undefined);
      if (!parsed.success) {
        reply(fail("invalid_payload", `Invalid ${event} payload`, zodIssues(parsed.error)));
        return;
      }
      act(parsed.data).then(
        ({ ack: value, effects }) => {
          // The sender first, then everyone else: the sender's own message is not echoed back to this socket.
          reply(value);
          if (effects.length > 0) deliver(effects, socket.id);
        },
        (err: unknown) => {
          if (err instanceof DeskError) return reply(err.ack);
          options.logger.error({ err, event }, "socket handler failed");
          // A system error (ENOSPC, EIO…) is the store failing: the client keeps the message and retries.
          const systemError = typeof err === "object" && err !== null && "code" in err;
          reply(systemError ? fail("storage_unavailable", "Could not be stored right now; retry") : fail("internal", "Something went wrong; retry"));
        },
      );
    });
  };
}

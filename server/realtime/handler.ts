// The one way an inbound socket event is handled: validate → act → ack → deliver the effects. Remote input never throws
// out of here; every event that carries an ack callback is answered, errors included (a client's ordered retry queue
// depends on it). Typed by the protocol's event maps: a misspelt event or a schema of the wrong payload does not compile.
//
// One handler table per namespace, shared by all its sockets: a socket carries one middleware that hands each inbound
// packet to the table with the socket's own `data` (who it is), not a closure per event per socket — a connected
// customer costs about what a bare socket costs.
import type { Logger } from "pino";
import type { ZodType } from "zod";
import type { DeskEffect, Outcome } from "../desk/effects.js";
import { DeskError, fail } from "../desk/result.js";
import type { Ack, AckFn } from "../protocol/ack.js";
import type { RateLimiter } from "../http/rate-limit.js";
import { zodIssues } from "../http/validation.js";
import { isStorageFailure } from "../store/failure.js";

/** The payload an event of an event map carries. */
export type PayloadOf<F> = F extends (...args: infer A) => void ? A[0] : never;
/** The data its successful ack carries. */
export type ReplyOf<F> = F extends (...args: infer A) => void ? (A[1] extends AckFn<infer T> ? T : never) : never;

/** What the table needs of a socket: its id, who it is (`data`), and Socket.IO's per-socket middleware. */
export interface Listener<Who> {
  id: string;
  data: Who;
  /** Sees every inbound event; the table answers it and never passes it on, so no event listener is needed. */
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
}

export interface BindOptions<Who> {
  /** Refuses with `rate_limited` when the key (default: the socket) has no token left. */
  limiter?: RateLimiter;
  /** The rate limiter's key, when not per socket (e.g. per visitor across all their sockets). */
  limitKey?: (who: Who) => string;
}

/** Delivers an operation's effects once the sender has its ack (see delivery.ts). */
export type Deliver = (effects: DeskEffect[], senderSocketId?: string) => void;

/** `bind(event, schema, act, options)`: how the namespace's sockets handle `event`; `act` gets the sender's `data`. */
export type Binder<Events, Who> = <E extends keyof Events & string>(
  event: E,
  schema: ZodType<PayloadOf<Events[E]>>,
  act: (payload: PayloadOf<Events[E]>, who: Who) => Promise<Outcome<ReplyOf<Events[E]>>>,
  options: BindOptions<Who>,
) => void;

export interface HandlerTable<Events, Who> {
  bind: Binder<Events, Who>;
  /** Hands every inbound event of `socket` to the table (call once per socket, on connection). */
  attach(socket: Listener<Who>): void;
}

interface Route<Who> {
  schema: ZodType<unknown>;
  act: (payload: unknown, who: Who) => Promise<Outcome<unknown>>;
  options: BindOptions<Who>;
}

/** A namespace's handler table: each bound event is validated, acted on, acked, and its effects delivered. */
export function handlerTable<Events, Who>(deliver: Deliver, logger: Logger): HandlerTable<Events, Who> {
  const routes = new Map<string, Route<Who>>();

  const handle = (socket: Listener<Who>, packet: unknown[]): void => {
    const event = packet[0];
    const ack = packet.length > 1 ? packet[packet.length - 1] : undefined;
    // An event without an ack callback is not ours to answer: ignore it rather than act without telling anyone.
    if (typeof ack !== "function") return;
    const reply = (value: Ack<unknown>) => {
      try {
        (ack as (v: Ack<unknown>) => void)(value);
      } catch (err) {
        // The client went away meanwhile: nothing to answer.
        logger.warn({ err, event }, "ack failed");
      }
    };
    const route = typeof event === "string" ? routes.get(event) : undefined;
    // Every event with an ack is answered, also one this namespace does not know (a typo, the other namespace's).
    if (!route) return reply(fail("unknown_event", `Unknown event ${JSON.stringify(String(event)).slice(0, 80)} on this namespace`));
    if (packet.length > 3) return reply(fail("invalid_payload", `${event as string} takes one payload argument and an ack`));
    const { limiter, limitKey } = route.options;
    if (limiter && !limiter.take(limitKey ? limitKey(socket.data) : socket.id)) return reply(fail("rate_limited", "Too many requests; slow down and retry"));
    const parsed = route.schema.safeParse(packet.length === 3 ? packet[1] : undefined);
    if (!parsed.success) return reply(fail("invalid_payload", `Invalid ${event as string} payload`, zodIssues(parsed.error)));
    route.act(parsed.data, socket.data).then(
      ({ ack: value, effects }) => {
        // The sender first, then everyone else: the sender's own message is not echoed back to this socket.
        reply(value);
        if (effects.length > 0) deliver(effects, socket.id);
      },
      (err: unknown) => {
        if (err instanceof DeskError) return reply(err.ack);
        logger.error({ err, event }, "socket handler failed");
        // The store failing (ENOSPC, EIO, Redis, a lock): the client keeps the message and retries.
        reply(isStorageFailure(err) ? fail("storage_unavailable", "Could not be stored right now; retry") : fail("internal", "Something went wrong; retry"));
      },
    );
  };

  return {
    bind: (event, schema, act, options) => {
      routes.set(event, { schema, act: act as Route<Who>["act"], options });
    },
    // The one closure a socket carries. Events never reach Socket.IO's listeners (`next` is not called), so an inbound
    // packet named like a reserved or server-side event cannot trigger anything either.
    attach: (socket) => void socket.use((packet) => handle(socket, packet)),
  };
}

// What the self-service pages (tickets, feedback, official accounts) share: the HTTP port, time, notices.
import type { HttpPort, HttpRequest, HttpResult } from "./http-port.js";
import type { Timers } from "./ports.js";
import type { NoticeTone } from "./state.js";

/** Shared by the self-service models. */
export interface SelfServiceContext {
  /** Sends a request; a `401` (the session is gone) also ends the session. */
  call(request: HttpRequest): Promise<HttpResult>;
  timers: Timers;
  now(): number;
  /** Shows a notice to the agent. */
  notify(text: string, tone?: NoticeTone): void;
}

/** What the context is made from. */
export interface SelfServiceContextDeps {
  http: HttpPort;
  timers: Timers;
  now(): number;
  notify(text: string, tone?: NoticeTone): void;
  /** The server no longer accepts the session. */
  expire(): void;
}

/** Creates the shared context. */
export function createSelfServiceContext(deps: SelfServiceContextDeps): SelfServiceContext {
  return {
    async call(request) {
      const result = await deps.http.request(request);
      if (!result.ok && result.status === 401) deps.expire();
      return result;
    },
    timers: deps.timers,
    now: deps.now,
    notify: deps.notify,
  };
}

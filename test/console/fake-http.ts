// A scriptable self-service HTTP port: records every request, answers by method and path (query ignored),
// or holds the request until the test answers it.
import type { HttpRequest, HttpResult, Issue } from "../../console/model/index.js";

type Responder = (request: HttpRequest) => HttpResult | Promise<HttpResult>;

/** A request the test has not answered yet. */
export interface HeldHttpRequest {
  request: HttpRequest;
  reply(result: HttpResult): void;
}

/** A successful reply. */
export function ok(data: unknown, status = 200): HttpResult {
  return { ok: true, status, data };
}

/** A refusal as the server sends it. */
export function fail(status: number, error: string, message = "", issues: Issue[] = []): HttpResult {
  return { ok: false, status, error, message, issues };
}

const keyOf = (method: string, path: string) => `${method} ${path.split("?")[0]}`;

/** The fake port and its controls. */
export function createFakeHttp() {
  const log: HttpRequest[] = [];
  const held: HeldHttpRequest[] = [];
  const responders = new Map<string, Responder>();
  return {
    port: {
      request(request: HttpRequest): Promise<HttpResult> {
        log.push(request);
        const responder = responders.get(keyOf(request.method, request.path));
        if (responder) return Promise.resolve(responder(request));
        return new Promise<HttpResult>((resolve) => held.push({ request, reply: resolve }));
      },
    },
    /** Answers `method path` (any query) with `responder` from now on. */
    respond(method: HttpRequest["method"], path: string, responder: Responder | HttpResult): void {
      responders.set(keyOf(method, path), typeof responder === "function" ? responder : () => responder);
    },
    /** Holds `method path` requests again. */
    hold(method: HttpRequest["method"], path: string): void {
      responders.delete(keyOf(method, path));
    },
    /** Every request so far, or those to `method path` (any query). */
    requests(method?: HttpRequest["method"], path?: string): HttpRequest[] {
      if (!method) return [...log];
      return log.filter((r) => r.method === method && (path === undefined || keyOf(r.method, r.path) === keyOf(method, path)));
    },
    /** The paths (with query) requested so far with `method`. */
    paths(method: HttpRequest["method"]): string[] {
      return log.filter((r) => r.method === method).map((r) => r.path);
    },
    /** Held requests, oldest first. */
    held(): readonly HeldHttpRequest[] {
      return held;
    },
    /** Answers the oldest held request to `method path`. */
    answer(method: HttpRequest["method"], path: string, result: HttpResult): void {
      const index = held.findIndex((h) => keyOf(h.request.method, h.request.path) === keyOf(method, path));
      const request = held[index];
      if (!request) throw new Error(`no held ${method} ${path} request`);
      held.splice(index, 1);
      request.reply(result);
    },
  };
}

/** The fake port's controller. */
export type FakeHttp = ReturnType<typeof createFakeHttp>;

// The session endpoints under /api/auth, over same-origin fetch with JSON bodies.
import type { AgentSelfView, ErrorCode } from "../server/protocol/index.js";
import { fetchJson, type JsonReply } from "./http.js";
import type { AuthApi, AuthResult } from "./model/ports.js";

export type { JsonReply } from "./http.js";

/** Sends a same-origin JSON request; never throws (network failures come back as status 0). */
export function requestJson(path: string, init: { method?: "GET" | "POST"; body?: unknown } = {}): Promise<JsonReply> {
  const method = init.method ?? "GET";
  return fetchJson({ method, path, json: method === "POST" ? (init.body ?? {}) : undefined });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Reads `{ agent }` (success) or `{ ok: false, error, message }` (failure) from an auth reply. */
export function authResultFrom(reply: JsonReply): AuthResult {
  const body = isObject(reply.body) ? reply.body : {};
  if (reply.status === 200 && isObject(body.agent)) return { ok: true, agent: body.agent as unknown as AgentSelfView };
  if (reply.status === 0) return { ok: false, error: "network", message: "No reply from the server" };
  const error = typeof body.error === "string" ? (body.error as ErrorCode) : reply.status === 401 ? "unauthorized" : "internal";
  const message = typeof body.message === "string" ? body.message : `HTTP ${reply.status}`;
  return { ok: false, error, message };
}

/** The browser's auth API. */
export function createAuthApi(): AuthApi {
  return {
    me: async () => authResultFrom(await requestJson("/api/auth/me")),
    login: async (email, password) => authResultFrom(await requestJson("/api/auth/login", { method: "POST", body: { email, password } })),
    async logout() {
      await requestJson("/api/auth/logout", { method: "POST", body: {} });
    },
  };
}

// Same-origin HTTP for the console: one fetch wrapper (JSON or multipart bodies, never throws) and the
// self-service port built on it. Every non-GET request carries `X-Parley-Request: 1`, which a cross-site
// form cannot send.
import type { HttpPort, HttpRequest, HttpResult, Issue } from "./model/http-port.js";

/** An HTTP reply: its status and parsed JSON body (`null` when there was none); status 0 = no reply. */
export interface JsonReply {
  status: number;
  body: unknown;
}

/** Sends a same-origin request and reads its JSON reply; network failures come back as status 0. */
export async function fetchJson(request: HttpRequest): Promise<JsonReply> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (request.method !== "GET") headers["X-Parley-Request"] = "1";
  let body: BodyInit | undefined;
  if (request.form) body = request.form;
  else if (request.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(request.json);
  }
  try {
    const response = await fetch(request.path, { method: request.method, credentials: "same-origin", headers, body });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

function issuesFrom(value: unknown): Issue[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((i): i is { path: unknown; message: unknown } => typeof i === "object" && i !== null)
    .map((i) => ({ path: Array.isArray(i.path) ? i.path.join(".") : String(i.path ?? ""), message: String(i.message ?? "") }))
    .filter((i) => i.message !== "");
}

/** Reads a reply: 2xx is success with its body; anything else is `{ error, message, issues }`. */
export function httpResultFrom(reply: JsonReply): HttpResult {
  if (reply.status >= 200 && reply.status < 300) return { ok: true, status: reply.status, data: reply.body };
  if (reply.status === 0) return { ok: false, status: 0, error: "network", message: "No reply from the server", issues: [] };
  const body = typeof reply.body === "object" && reply.body !== null ? (reply.body as Record<string, unknown>) : {};
  return {
    ok: false,
    status: reply.status,
    error: typeof body.error === "string" ? body.error : reply.status === 401 ? "unauthorized" : "internal",
    message: typeof body.message === "string" ? body.message : "",
    issues: issuesFrom(body.issues),
  };
}

/** The browser's self-service HTTP port. */
export function createHttpPort(): HttpPort {
  return { request: async (request) => httpResultFrom(await fetchJson(request)) };
}

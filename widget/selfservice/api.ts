// The self-service HTTP API as the browser uses it (docs/protocol.md, "Self-service HTTP API"): one function
// per endpoint, answers checked, errors as values. Uploads are multipart with `X-Parley-Request: 1`.
import type { TicketThreadView, VerifyResultView } from "../../server/protocol/index.js";

/** A problem the server found with one field. */
export interface Issue {
  path: string;
  message: string;
}

/** An API answer: the data, or why not (`status` 0 when the server could not be reached). */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string; message: string; issues: Issue[] };

/** `GET /api/selfservice/config`, normalised. */
export interface SelfServiceConfig {
  categories: { value: string; label: string }[];
  maxFiles: number;
  maxFileBytes: number;
  channels: { id: string; name: string }[];
}

/** The endpoints the customer side uses. */
export interface SelfServiceApi {
  config(): Promise<ApiResult<SelfServiceConfig>>;
  createTicket(form: FormData): Promise<ApiResult<{ number: number }>>;
  thread(token: string): Promise<ApiResult<TicketThreadView>>;
  reply(token: string, form: FormData): Promise<ApiResult<TicketThreadView>>;
  sendFeedback(form: FormData): Promise<ApiResult<{ id: string }>>;
  verify(query: string): Promise<ApiResult<VerifyResultView>>;
}

type Check<T> = (body: unknown) => T | null;

const obj = (x: unknown): Record<string, unknown> | null => (x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : null);

function parseConfig(body: unknown): SelfServiceConfig | null {
  const b = obj(body);
  if (!b || typeof b.maxFiles !== "number" || typeof b.maxFileBytes !== "number" || !Array.isArray(b.categories)) return null;
  // Categories may be plain names or { id, name } pairs.
  const categories = b.categories.flatMap((c) => {
    if (typeof c === "string") return [{ value: c, label: c }];
    const o = obj(c);
    const value = o && (typeof o.id === "string" ? o.id : typeof o.value === "string" ? o.value : null);
    const label = o && (typeof o.name === "string" ? o.name : typeof o.label === "string" ? o.label : value);
    return typeof value === "string" && typeof label === "string" ? [{ value, label }] : [];
  });
  const channels = (Array.isArray(b.channels) ? b.channels : []).flatMap((c) => {
    const o = obj(c);
    return o && typeof o.id === "string" && typeof o.name === "string" ? [{ id: o.id, name: o.name }] : [];
  });
  return { categories, maxFiles: b.maxFiles, maxFileBytes: b.maxFileBytes, channels };
}

function parseThread(body: unknown): TicketThreadView | null {
  const b = obj(body);
  if (!b || typeof b.number !== "number" || typeof b.subject !== "string" || !Array.isArray(b.messages)) return null;
  return body as TicketThreadView;
}

const parseNumber: Check<{ number: number }> = (body) => (typeof obj(body)?.number === "number" ? (body as { number: number }) : null);
const parseId: Check<{ id: string }> = (body) => (typeof obj(body)?.id === "string" ? (body as { id: string }) : null);
const parseVerify: Check<VerifyResultView> = (body) => {
  const b = obj(body);
  return b && typeof b.official === "boolean" && typeof b.explanation === "string" ? (body as unknown as VerifyResultView) : null;
};

function failure(status: number, body: unknown): ApiResult<never> {
  const b = obj(body);
  const issues = (Array.isArray(b?.issues) ? b.issues : []).flatMap((i) => {
    const o = obj(i);
    return o && typeof o.message === "string" ? [{ path: typeof o.path === "string" ? o.path : "", message: o.message }] : [];
  });
  return {
    ok: false,
    status,
    error: typeof b?.error === "string" ? b.error : status === 0 ? "offline" : "internal",
    message: typeof b?.message === "string" ? b.message : "",
    issues,
  };
}

/** Creates the API client for a Parley origin. */
export function createSelfServiceApi(baseUrl: string, fetchFn: typeof fetch): SelfServiceApi {
  async function call<T>(path: string, check: Check<T>, init: RequestInit = {}): Promise<ApiResult<T>> {
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}${path}`, { ...init, headers: { Accept: "application/json", ...(init.body ? { "X-Parley-Request": "1" } : {}) } });
    } catch {
      return failure(0, null);
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) return failure(res.status, body);
    const data = check(body);
    return data ? { ok: true, data } : failure(res.status, null);
  }
  const post = (body: FormData): RequestInit => ({ method: "POST", body });
  const thread = (token: string) => `/api/tickets/thread/${encodeURIComponent(token)}`;
  return {
    config: () => call("/api/selfservice/config", parseConfig),
    createTicket: (form) => call("/api/tickets", parseNumber, post(form)),
    thread: (token) => call(thread(token), parseThread),
    reply: (token, form) => call(`${thread(token)}/replies`, parseThread, post(form)),
    sendFeedback: (form) => call("/api/feedback", parseId, post(form)),
    verify: (query) => call(`/api/verify?q=${encodeURIComponent(query)}`, parseVerify),
  };
}

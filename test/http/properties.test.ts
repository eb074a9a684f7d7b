// Property-based: hostile requests at every HTTP endpoint (odd path parameters and query strings, JSON of any
// shape, __proto__ keys, deep nesting, raw binary under any content type, multipart forms with hostile fields),
// signed out and signed in as an admin. Never a 5xx, every JSON error is typed, nothing invalid is stored,
// Object.prototype stays clean and the server keeps answering.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../server/protocol/ack.js";
import { addAgent, signIn } from "../helpers/clients.js";
import { hostile, prototypesClean } from "../helpers/hostile.js";
import { startTestServer, type TestServer } from "../helpers/server.js";

type Body = "none" | "json" | "multipart";
/** Every route the server mounts (server/http/*, server/selfservice/*), `:x` standing for a path parameter. */
const ENDPOINTS: Array<[method: string, path: string, body: Body]> = [
  ["GET", "/healthz", "none"],
  ["GET", "/metrics", "none"],
  ["GET", "/api/widget/config", "none"],
  ["GET", "/api/queues", "none"],
  ["POST", "/api/visitors", "json"],
  ["POST", "/api/visitors/identify", "json"],
  ["POST", "/api/auth/login", "json"],
  ["GET", "/api/auth/me", "none"],
  ["POST", "/api/auth/logout", "json"],
  ["GET", "/api/admin/coverage", "none"],
  ["GET", "/api/selfservice/config", "none"],
  ["POST", "/api/tickets", "multipart"],
  ["GET", "/api/tickets/thread/:x", "none"],
  ["POST", "/api/tickets/thread/:x/replies", "multipart"],
  ["GET", "/api/tickets/thread/:x/files/:x", "none"],
  ["GET", "/api/agent/tickets", "none"],
  ["GET", "/api/agent/tickets/:x", "none"],
  ["POST", "/api/agent/tickets/:x/replies", "multipart"],
  ["POST", "/api/agent/tickets/:x/status", "json"],
  ["GET", "/api/agent/tickets/:x/files/:x", "none"],
  ["POST", "/api/feedback", "multipart"],
  ["GET", "/api/agent/feedback", "none"],
  ["GET", "/api/agent/feedback/:x/files/:x", "none"],
  ["POST", "/api/conversations/:x/files", "multipart"],
  ["GET", "/api/conversations/:x/files/:x", "none"],
  ["GET", "/api/verify", "none"],
  ["GET", "/api/admin/officials", "none"],
  ["POST", "/api/admin/officials", "json"],
  ["DELETE", "/api/admin/officials/:x", "json"],
];
const RUNS = 8;

const codes = new Set<string>(ERROR_CODES);
const text = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "undefined"));
const segment = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom("..", "raw:%2e%2e", "raw:%E0%A4%A", "raw:%", "raw:%00", "__proto__", "constructor", "a".repeat(300), "0", "-1", "t_x"), hostile.map(text).map((s) => s.slice(0, 300)));
const query = fc.array(fc.tuple(fc.constantFrom("q", "status", "category", "limit", "from", "to", "__proto__", "language", "rating", "a[b]"), segment), { maxLength: 4 });

/** Percent-encodes every byte (lone surrogates become U+FFFD as on the wire); `raw:` segments go as they are (bad escapes). */
const encodeSegment = (s: string) => (s.startsWith("raw:") ? s.slice(4) : [...Buffer.from(s, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""));

let server: TestServer;
let admin = "";
beforeAll(async () => {
  server = await startTestServer({ env: { LANGUAGES: "en,de" } });
  const agent = await addAgent(server.store, { role: "admin" });
  admin = await signIn(server.url, agent.email, agent.password);
});
afterAll(() => server.close());

function request(method: string, path: string, kind: Body, payload: unknown, rawType: string | null, signedIn: boolean): RequestInit {
  const headers: Record<string, string> = signedIn ? { cookie: admin } : {};
  if (method === "GET" || method === "HEAD") return { method, headers };
  if (rawType !== null) {
    const bytes = payload instanceof Uint8Array ? payload : Buffer.from(text(payload));
    return { method, headers: { ...headers, "content-type": rawType, "x-parley-request": "1" }, body: new Uint8Array(bytes) };
  }
  if (kind === "multipart") {
    const form = new FormData();
    const fields = typeof payload === "object" && payload !== null && !Array.isArray(payload) ? Object.entries(payload) : [["description", payload]];
    for (const [key, value] of fields.slice(0, 10)) {
      if (value instanceof Uint8Array) form.append(String(key) === "files" ? "files" : "screenshots", new Blob([new Uint8Array(value)]), "x.png");
      else form.append(String(key), text(value));
    }
    return { method, headers: { ...headers, "x-parley-request": "1" }, body: form };
  }
  return { method, headers: { ...headers, "content-type": "application/json" }, body: text(payload) };
}

describe("hostile HTTP requests", () => {
  it("never get a 5xx or an untyped error, store nothing invalid and leave the prototype clean", { timeout: 90_000 }, async () => {
    for (const [method, template, kind] of ENDPOINTS) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 2, maxLength: 2 }),
          query,
          fc.oneof(hostile, fc.record({ email: fc.oneof(fc.constant("kim@example.com"), segment), category: fc.constantFrom("Account", "Nope", "__proto__"), subject: segment, description: segment, text: segment, rating: segment, channel: segment, handle: segment, status: segment })),
          fc.option(fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "application/octet-stream"), { freq: 3 }),
          fc.boolean(),
          async (params, pairs, payload, rawType, signedIn) => {
            let i = 0;
            const path = template.replace(/:x/g, () => encodeSegment(params[i++]!));
            const search = new URLSearchParams(pairs).toString();
            const res = await fetch(`${server.url}${path}${search ? `?${search}` : ""}`, request(method, path, kind, payload, rawType, signedIn));
            const body = await res.text();
            expect(res.status, `${method} ${path} → ${res.status} ${body.slice(0, 200)}`).toBeLessThan(500);
            if (res.status >= 400 && (res.headers.get("content-type") ?? "").includes("json")) {
              const parsed = JSON.parse(body) as { ok?: unknown; error?: unknown; message?: unknown };
              expect(parsed.ok).toBe(false);
              expect(codes.has(String(parsed.error)), body.slice(0, 200)).toBe(true);
              expect(typeof parsed.message).toBe("string");
            }
            expect(prototypesClean()).toBe(true);
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
    // What was stored passed validation.
    for (const ticket of await server.store.tickets.list()) {
      expect(ticket.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
      expect(server.config.ticketCategories).toContain(ticket.category);
    }
    for (const feedback of await server.store.feedback.list()) expect([1, 2, 3, 4, 5]).toContain(feedback.rating);
    for (const official of await server.store.officials.list()) expect(server.config.officialChannels).toContain(official.channel);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

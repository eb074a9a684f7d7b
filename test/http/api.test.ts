import { describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/password.js";
import { addAgent, connectAgent, signIn } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer({ env: { LANGUAGES: "en,de,ar" } });

const post = (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${server().url}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("HTTP API", () => {
  it("answers /healthz with 200 when ready", async () => {
    const res = await fetch(`${server().url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, queued: 0 });
  });

  it("tells the widget the configured languages with their own names", async () => {
    const res = await fetch(`${server().url}/api/widget/config`);
    expect(await res.json()).toEqual({
      languages: [
        { code: "en", name: "English" },
        { code: "de", name: "Deutsch" },
        { code: "ar", name: "العربية" },
      ],
      defaultLanguage: "en",
      maxMessageLength: 4000,
    });
  });

  it("issues visitor credentials with a token of at least 128 bits, different every time", async () => {
    const a = await (await post("/api/visitors", {})).json();
    const b = await (await post("/api/visitors", {})).json();
    expect(Buffer.from(a.token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(a.token).not.toBe(b.token);
    expect(a.visitorId).not.toBe(b.visitorId);
    const stored = await server().store.visitors.get(a.visitorId);
    expect(JSON.stringify(stored)).not.toContain(a.token);
  });

  it("limits how fast one address can create visitors", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await post("/api/visitors", {})).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("signs an agent in with an httpOnly SameSite cookie, tells who is signed in, and signs out", async () => {
    const agent = await addAgent(server().store, { email: "mia@example.com", name: "Mia" });
    const res = await post("/api/auth/login", { email: "MIA@example.com", password: agent.password });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const body = await res.json();
    expect(body.agent).toMatchObject({ email: "mia@example.com", name: "Mia", status: "online" });
    expect(JSON.stringify(body)).not.toContain("scrypt");
    const cookie = setCookie.split(";")[0]!;
    const me = await fetch(`${server().url}/api/auth/me`, { headers: { cookie } });
    expect((await me.json()).agent.email).toBe("mia@example.com");
    await post("/api/auth/logout", {}, { "content-type": "application/json", cookie });
    expect((await fetch(`${server().url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const agent = await addAgent(server().store);
    const wrong = await post("/api/auth/login", { email: agent.email, password: "nope-nope" });
    const unknown = await post("/api/auth/login", { email: "ghost@example.com", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("stops brute force on one account with 429", async () => {
    const agent = await addAgent(server().store);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post("/api/auth/login", { email: agent.email, password: `guess-${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await post("/api/auth/login", { email: agent.email, password: agent.password })).status).toBe(429);
  });

  it.each([
    ["malformed JSON", "{not json", { "content-type": "application/json" }, 400],
    ["a form post (CSRF)", "email=a%40b.c&password=x", { "content-type": "application/x-www-form-urlencoded" }, 415],
    ["text/plain JSON (CSRF trick)", '{"email":"a@b.co","password":"x"}', { "content-type": "text/plain" }, 415],
    ["a missing password", { email: "a@b.co" }, { "content-type": "application/json" }, 400],
    ["an email with a header injection", { email: "a@b.co\r\nBcc: x@y.z", password: "x" }, { "content-type": "application/json" }, 400],
    ["an array body", [1, 2], { "content-type": "application/json" }, 400],
    ["a 100 KB body", { email: "a@b.co", password: "x".repeat(100_000) }, { "content-type": "application/json" }, 413],
  ])("refuses %s with a JSON error", async (_title, body, headers, status) => {
    const res = await post("/api/auth/login", body, headers as Record<string, string>);
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json).toMatchObject({ ok: false });
    expect(typeof json.message).toBe("string");
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await fetch(`${server().url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: "not_found" });
  });

  it("serves the console with a strict CSP that forbids framing, and the chat page with nosniff", async () => {
    const consolePage = await fetch(`${server().url}/console`);
    expect(consolePage.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(consolePage.headers.get("x-frame-options")).toBe("DENY");
    const chat = await fetch(`${server().url}/chat`);
    // Scripts and styles fall back to default-src 'self': nothing inline, no eval, nothing from elsewhere.
    expect(chat.headers.get("content-security-policy")).toMatch(/^default-src 'self';/);
    expect(chat.headers.get("content-security-policy")).not.toMatch(/script-src|style-src|unsafe-/);
    expect(chat.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("ending agent sessions", () => {
  it("signs every session out and drops the agent's sockets when the password changes", async () => {
    const agent = await addAgent(server().store, { email: "pat@example.com" });
    const cookie = await signIn(server().url, agent.email, agent.password);
    const socket = await connectAgent(server().url, cookie);
    const dropped = new Promise((resolve) => socket.once("disconnect", resolve));
    await server().store.agents.put({ ...agent, passwordHash: await hashPassword("a-brand-new-password"), updatedAt: 1 });
    await dropped;
    expect((await fetch(`${server().url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    await expect(connectAgent(server().url, cookie)).rejects.toThrow("unauthorized");
    expect((await post("/api/auth/login", { email: agent.email, password: "a-brand-new-password" })).status).toBe(200);
  });

  it("drops the sockets of a session that signs out, and only those", async () => {
    const agent = await addAgent(server().store, { email: "lou@example.com" });
    const laptop = await signIn(server().url, agent.email, agent.password);
    const phone = await signIn(server().url, agent.email, agent.password);
    const laptopSocket = await connectAgent(server().url, laptop);
    const phoneSocket = await connectAgent(server().url, phone);
    const dropped = new Promise((resolve) => laptopSocket.once("disconnect", resolve));
    await post("/api/auth/logout", {}, { "content-type": "application/json", cookie: laptop });
    await dropped;
    const list = await phoneSocket.timeout(5000).emitWithAck("conversation:list", {});
    expect(list.ok).toBe(true);
    expect(phoneSocket.connected).toBe(true);
  });
});

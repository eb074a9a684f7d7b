// RELIABILITY.md §7 A6 (Chatwoot's rack_attack note: "/auth & /auth.json would both work"): spelling the sign-in
// path another way does not open a second, fresh limit. Variants that reach the sign-in handler (Express matches
// paths case-insensitively and with a trailing slash) share its limits, which are keyed by address and account,
// never by path; the others are not a sign-in at all (404, no session).
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { addAgent } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();

function post(path: string, address: string, body: object): Promise<{ status: number; cookie: boolean }> {
  const url = new URL(path, server().url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: "POST", localAddress: address, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, cookie: (res.headers["set-cookie"] ?? []).some((c) => c.startsWith("parley_session=")) }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const VARIANTS = ["/api/auth/login", "/api/auth/LOGIN", "/API/AUTH/Login", "/api/auth/login/", "/api/auth/login?x=1"];

describe("sign-in path variants", () => {
  it("count every spelling that signs in against the same limits, and sign nobody in through the others", async () => {
    const agent = await addAgent(server().store);
    const address = "127.0.3.7";
    // Each variant that reaches the handler is a sign-in: the right password works through it.
    for (const path of VARIANTS) expect(await post(path, "127.0.3.8", { email: agent.email, password: agent.password })).toEqual({ status: 200, cookie: true });

    // From another address: 10 wrong guesses spread over the variants spend that address's burst...
    for (let i = 0; i < 10; i++) expect((await post(VARIANTS[i % VARIANTS.length]!, address, { email: agent.email, password: `guess-${i}` })).status).toBe(401);
    // ...so no spelling gets an 11th try, not even with the right password.
    for (const path of VARIANTS) expect((await post(path, address, { email: agent.email, password: agent.password })).status).toBe(429);

    // Spellings that are not the route sign nobody in.
    for (const path of ["/api/auth/login.json", "/api/auth/login%2F", "/api/auth//login", "/api/auth/login;x"]) {
      const answer = await post(path, "127.0.3.9", { email: agent.email, password: agent.password });
      expect(answer.cookie).toBe(false);
      expect(answer.status).toBeGreaterThanOrEqual(400);
    }
  });
});

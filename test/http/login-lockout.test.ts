// Issue 9, finding 2: failed sign-ins from strangers cannot lock the owner out, and brute force stays slow.
// The server sees each request's source address; requests come from other loopback addresses (127.0.0.x).
import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { addAgent } from "../helpers/clients.js";
import { useTestServer } from "../helpers/server.js";

const server = useTestServer();
// Every guess costs a password hash (scrypt): the tests that make more than 20 take longer than most.

interface Answer {
  status: number;
  cookies: string[];
}

/** POST /api/auth/login from `address`, with an optional Cookie header. */
function login(address: string, body: { email: string; password: string }, cookie?: string): Promise<Answer> {
  const url = new URL("/api/auth/login", server().url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress: address, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...(cookie && { cookie }) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, cookies: res.headers["set-cookie"] ?? [] }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const pairs = (cookies: string[]) => cookies.map((c) => c.split(";")[0]!).join("; ");
const stranger = (i: number) => `127.0.${1 + Math.floor(i / 200)}.${2 + (i % 200)}`;

describe("sign-in limits", () => {
  it("lets the owner in from a device they signed in from before, and from their own address, after 22 wrong guesses from elsewhere", async () => {
    const agent = await addAgent(server().store);
    const first = await login("127.0.0.1", { email: agent.email, password: agent.password });
    expect(first.status).toBe(200);
    const device = first.cookies.find((c) => c.startsWith("parley_device="));
    expect(device).toMatch(/HttpOnly/);
    expect(device).toMatch(/SameSite=Strict/);

    // 11 addresses, 2 guesses each: the account is under a distributed attack (more than the 20 failures it absorbs).
    for (let i = 0; i < 22; i++) {
      expect((await login(stranger(i % 11), { email: agent.email, password: `guess-${i}` })).status).toBeOneOf([401, 429]);
    }
    // The owner on the known device, from a new address:
    expect((await login("127.0.9.9", { email: agent.email, password: agent.password }, pairs(first.cookies))).status).toBe(200);
    // The owner without the device cookie, from the address they signed in from before:
    expect((await login("127.0.0.1", { email: agent.email, password: agent.password })).status).toBe(200);
    // A new address without the device cookie is slowed like the attacker's (the account is under attack):
    expect((await login("127.0.8.8", { email: agent.email, password: agent.password })).status).toBe(429);
  }, 60_000);

  it("lets the owner in from their own address after 12 wrong guesses from one other address", async () => {
    const agent = await addAgent(server().store);
    for (let i = 0; i < 12; i++) await login("127.0.0.2", { email: agent.email, password: `guess-${i}` });
    expect((await login("127.0.0.3", { email: agent.email, password: agent.password })).status).toBe(200);
  });

  it("still slows brute force from one address, also for the right password, and a stolen device cookie does not lift that", async () => {
    const agent = await addAgent(server().store);
    const first = await login("127.0.0.1", { email: agent.email, password: agent.password });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login("127.0.0.5", { email: agent.email, password: `guess-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await login("127.0.0.5", { email: agent.email, password: agent.password })).status).toBe(429);
    expect((await login("127.0.0.5", { email: agent.email, password: agent.password }, pairs(first.cookies))).status).toBe(429);
  });

  it("does not trust a device cookie of another account or a forged one", async () => {
    const owner = await addAgent(server().store);
    const other = await addAgent(server().store);
    const otherDevice = pairs((await login("127.0.0.1", { email: other.email, password: other.password })).cookies);
    for (let i = 0; i < 22; i++) await login(stranger(i % 11), { email: owner.email, password: `guess-${i}` });
    expect((await login("127.0.7.7", { email: owner.email, password: owner.password }, otherDevice)).status).toBe(429);
    const forged = otherDevice.replace(/parley_device=([^;]+)/, (_m, v: string) => `parley_device=${v.slice(0, -2)}AA`);
    expect((await login("127.0.7.8", { email: owner.email, password: owner.password }, forged)).status).toBe(429);
  }, 60_000);
});

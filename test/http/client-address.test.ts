// Finding 7: the client address behind a reverse proxy. X-Forwarded-For counts only when the TCP peer is a proxy
// listed in TRUST_PROXY, and then only the hops those proxies appended (the rightmost untrusted hop).
import type { IncomingMessage } from "node:http";
import { io, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, limitKey } from "../../server/http/client-address.js";
import { loadConfig } from "../../server/config.js";
import { useTestServer } from "../helpers/server.js";

const request = (peer: string, xff?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { "x-forwarded-for": xff } }) as unknown as IncomingMessage;

describe("clientAddress", () => {
  it.each([
    ["no proxies: the header is ignored", [], "203.0.113.9", "198.51.100.1", "203.0.113.9"],
    ["a peer that is not a trusted proxy cannot set it", ["10.0.0.0/8"], "203.0.113.9", "198.51.100.1", "203.0.113.9"],
    ["from a trusted proxy: the hop it appended", ["10.0.0.0/8"], "10.1.2.3", "198.51.100.1", "198.51.100.1"],
    ["a spoofed leftmost hop is skipped", ["10.0.0.0/8"], "10.1.2.3", "1.1.1.1, 198.51.100.1", "198.51.100.1"],
    ["chained trusted proxies are walked past", ["10.0.0.0/8", "192.168.1.1"], "10.1.2.3", "1.1.1.1, 198.51.100.1, 192.168.1.1", "198.51.100.1"],
    ["IPv4-mapped peers match IPv4 entries", ["127.0.0.1"], "::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7"],
    ["IPv6 CIDR and hop", ["fd00::/8"], "fd00::1", "2001:db8::5", "2001:db8::5"],
    ["a hop with a port", ["127.0.0.1"], "127.0.0.1", "198.51.100.7:5123", "198.51.100.7"],
    ["garbage ends the walk at the proxy", ["127.0.0.1"], "127.0.0.1", "<script>", "127.0.0.1"],
    ["garbage left of a real hop does not matter", ["127.0.0.1"], "127.0.0.1", "nonsense, 198.51.100.7", "198.51.100.7"],
    ["no header from a trusted proxy: the proxy", ["127.0.0.1"], "127.0.0.1", undefined, "127.0.0.1"],
    ["repeated headers are one list", ["127.0.0.1"], "127.0.0.1", ["1.1.1.1", "198.51.100.8"], "198.51.100.8"],
  ] as const)("%s", (_title, trust, peer, xff, expected) => {
    expect(clientAddress(request(peer, xff as string | string[] | undefined), trust as unknown as string[])).toBe(expected);
  });

  it("refuses a TRUST_PROXY entry that is not an address or CIDR", () => {
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/TRUST_PROXY: "10.0.0.0\/33"/);
    expect(() => loadConfig({ TRUST_PROXY: "proxy.local" })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, ::1" }).network.trustProxy).toEqual(["10.0.0.0/8", "::1"]);
  });
});

describe("limitKey", () => {
  it.each([
    ["an IPv4 address is its own key", "198.51.100.7", "198.51.100.7"],
    ["an IPv6 address counts by its /64", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["compressed and padded spellings of one /64 agree", "2001:DB8:0001:0002::5", "2001:db8:1:2::/64"],
    ["a /64 with zeros", "2001:db8::1", "2001:db8:0:0::/64"],
    ["a link-local address with its zone", "fe80::1%eth0", "fe80:0:0:0::/64"],
    ["IPv4 carried in IPv6 (NAT64) stays one client", "64:ff9b::192.0.2.1", "64:ff9b::192.0.2.1"],
    ["not an address", "unknown", "unknown"],
  ])("%s", (_title, address, key) => {
    expect(limitKey(address)).toBe(key);
  });
});

const newVisitor = (url: string, xff: string) =>
  fetch(`${url}/api/visitors`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": xff }, body: "{}" });

describe("per-address limits without TRUST_PROXY", () => {
  const server = useTestServer();
  it("ignores X-Forwarded-For: a client cannot escape the limit by writing a new address each time", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await newVisitor(server().url, `198.51.100.${i}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe("per-address limits behind a trusted proxy", () => {
  const server = useTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
  it("limits each forwarded client on its own instead of everyone behind the proxy together", async () => {
    for (let i = 0; i < 20; i++) expect((await newVisitor(server().url, "198.51.100.1")).status).toBe(201);
    expect((await newVisitor(server().url, "198.51.100.1")).status).toBe(429);
    // Another customer behind the same proxy is not affected…
    expect((await newVisitor(server().url, "198.51.100.2")).status).toBe(201);
    // …and the limited one cannot get out by prepending a made-up hop.
    expect((await newVisitor(server().url, "203.0.113.77, 198.51.100.1")).status).toBe(429);
  });

  it("limits an IPv6 client by its /64: a new address from the same network each time does not escape", async () => {
    for (let i = 0; i < 20; i++) expect((await newVisitor(server().url, `2001:db8:7:7::${(i + 1).toString(16)}`)).status).toBe(201);
    expect((await newVisitor(server().url, "2001:db8:7:7:ffff:1234:5678:9abc")).status).toBe(429);
    // Another network is another client.
    expect((await newVisitor(server().url, "2001:db8:7:8::1")).status).toBe(201);
  });

  it("limits identity checks per forwarded client (a burst of 30, then one a second)", async () => {
    const identify = (xff: string) =>
      fetch(`${server().url}/api/visitors/identify`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": xff },
        body: JSON.stringify({ visitorId: "v", token: "t", id: "u1", hash: "00" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await identify("198.51.100.5")).status);
    expect(statuses.slice(0, 30)).not.toContain(429);
    expect(statuses[30]).toBe(429);
    // Another customer behind the same proxy is not limited with them.
    expect((await identify("198.51.100.6")).status).not.toBe(429);
  });

  it("limits sign-in attempts per forwarded client", async () => {
    const login = (xff: string) =>
      fetch(`${server().url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": xff },
        body: JSON.stringify({ email: `nobody${Math.random()}@example.com`, password: "wrong password" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login("198.51.100.3")).status);
    expect(statuses).toContain(429);
    expect((await login("198.51.100.4")).status).toBe(401);
  });
});

describe("Socket.IO handshakes behind a trusted proxy", () => {
  const server = useTestServer({ env: { TRUST_PROXY: "127.0.0.1", ADDRESS_MAX_SOCKETS: "2" } });
  const open = async (xff: string) => {
    const credentials = await (await newVisitor(server().url, xff)).json();
    const socket = io(`${server().url}/visitor`, { auth: credentials, transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { "x-forwarded-for": xff } });
    sockets.push(socket);
    return new Promise<boolean>((resolve) => {
      socket.once("connect", () => resolve(true));
      socket.once("connect_error", () => resolve(false));
    });
  };
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  it("counts sockets per forwarded client, not per proxy", async () => {
    expect(await open("198.51.100.10")).toBe(true);
    expect(await open("198.51.100.10")).toBe(true);
    expect(await open("198.51.100.10")).toBe(false);
    expect(await open("198.51.100.11")).toBe(true);
  });
});

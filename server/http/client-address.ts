// The one place that decides a request's client address, for every per-address limit (HTTP routes, Socket.IO
// handshakes, connection caps, /metrics). X-Forwarded-For is believed only from the proxies in TRUST_PROXY, and
// only as far as it was appended by them: the rightmost hop that is not a trusted proxy is the client.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/** A compiled TRUST_PROXY list. */
export interface TrustedProxies {
  has(address: string): boolean;
}

const compiled = new WeakMap<readonly string[], TrustedProxies>();

/** `::ffff:10.0.0.1` → `10.0.0.1`, so one client is one key whichever way the socket reports it. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith("::ffff:") && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/**
 * The key per-address limits count by: an IPv4 address itself, an IPv6 address's /64 network. One IPv6 host (a home
 * line, a phone, a cloud machine) is normally given a whole /64 and can use any address in it, so counting single IPv6
 * addresses would give it billions of fresh allowances. Anything that is not an address is its own key.
 */
export function limitKey(address: string): string {
  const a = address.split("%")[0]!;
  // An IPv4 address carried in IPv6 (NAT64 "64:ff9b::192.0.2.1") is one IPv4 client: its network is not its own.
  if (isIP(a) !== 6 || a.includes(".")) return address;
  const [head = "", tail] = a.split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const first = groups(head);
  const last = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? first : [...first, ...Array<string>(8 - first.length - last.length).fill("0"), ...last];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

/** One X-Forwarded-For hop: an address, optionally `1.2.3.4:port` or `[v6]:port` as some proxies write it; "" if malformed. */
function hopAddress(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  const address = normalizeAddress(bracketed?.[1] ?? v4port?.[1] ?? hop);
  return isIP(address) ? address : "";
}

/** The matcher for a TRUST_PROXY list (compiled once per list). */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  let found = compiled.get(entries);
  if (found) return found;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const family = isIP(address!) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(normalizeAddress(address!), family);
    else list.addSubnet(normalizeAddress(address!), Number(bits), family);
  }
  found = {
    has(address) {
      const a = normalizeAddress(address);
      const family = isIP(a);
      return family !== 0 && entries.length > 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
    },
  };
  compiled.set(entries, found);
  return found;
}

/** The TCP peer of a request ("unknown" when the socket is already gone). */
export function peerAddress(req: IncomingMessage): string {
  const remote = req.socket?.remoteAddress;
  return remote ? normalizeAddress(remote) : "unknown";
}

/**
 * The client address of an HTTP request or a Socket.IO handshake (`socket.request`). Without trusted proxies it is
 * the TCP peer. From a trusted proxy it walks X-Forwarded-For right to left past trusted hops; a malformed hop ends
 * the walk at the last trusted one (a client cannot choose its key by writing garbage).
 */
export function clientAddress(req: IncomingMessage, trustProxy: readonly string[]): string {
  const peer = peerAddress(req);
  const trusted = trustedProxies(trustProxy);
  if (!trusted.has(peer)) return peer;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hopAddress(hops[i]!);
    if (!hop) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}

/** The key a request counts by in every per-address limit: {@link limitKey} of its {@link clientAddress}. */
export function clientKey(req: IncomingMessage, trustProxy: readonly string[]): string {
  return limitKey(clientAddress(req, trustProxy));
}

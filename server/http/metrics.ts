// GET /metrics (Prometheus text). With METRICS_TOKEN: only `Authorization: Bearer <token>` (constant-time compare).
// Without it: only loopback and private client addresses (judged on the TRUST_PROXY-aware client address).
import express, { type Router } from "express";
import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import type { Config } from "../config.js";
import type { Metrics, MetricsSnapshot } from "../metrics/metrics.js";
import { clientAddress } from "./client-address.js";
import { sendError } from "./errors.js";

const privateRanges = new BlockList();
for (const [net, bits] of [["127.0.0.0", 8], ["10.0.0.0", 8], ["172.16.0.0", 12], ["192.168.0.0", 16]] as const) privateRanges.addSubnet(net, bits, "ipv4");
privateRanges.addAddress("::1", "ipv6");
privateRanges.addSubnet("fc00::", 7, "ipv6");

/** Loopback, RFC 1918 or IPv6 unique-local. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && privateRanges.check(address, family === 6 ? "ipv6" : "ipv4");
}

const digest = (s: string) => createHash("sha256").update(s).digest();

export function metricsRouter(config: Config, metrics: Metrics, snapshot: () => Promise<MetricsSnapshot>): Router {
  const router = express.Router();
  const expected = config.network.metricsToken === null ? null : digest(config.network.metricsToken);
  router.get("/metrics", async (req, res) => {
    res.set("Cache-Control", "no-store");
    if (expected) {
      const match = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "");
      // Digests have equal lengths, so the compare is constant-time whatever was sent.
      if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
        res.set("WWW-Authenticate", 'Bearer realm="metrics"');
        return sendError(res, 401, "unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>");
      }
    } else if (!isPrivateAddress(clientAddress(req, config.network.trustProxy))) {
      return sendError(res, 403, "forbidden", "Metrics are served to private addresses only (or set METRICS_TOKEN)");
    }
    res.type("text/plain; version=0.0.4; charset=utf-8").send(metrics.render(await snapshot()));
  });
  return router;
}

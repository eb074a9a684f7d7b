// The cluster lifetimes come from the environment (CLUSTER_DESK_LEASE_SECONDS, CLUSTER_NODE_TTL_SECONDS,
// CLUSTER_DESK_CALL_TIMEOUT_SECONDS), as docs/configuration.md says: two `node dist/server/index.js` processes on one
// Redis, the lifetimes read back from Redis's own TTLs and from what a node says when the desk's node freezes.
import { expect, it } from "vitest";
import { connectVisitor } from "../helpers/clients.js";
import { nodeProcessesOnRedis, type NodeProcess } from "../helpers/node-process.js";
import { describeWithRedis } from "../helpers/redis.js";
import { retried } from "./history.js";

describeWithRedis("cluster lifetimes set in the environment", () => {
  const cluster = nodeProcessesOnRedis();

  it("renews the desk lease and the node heartbeats with the configured lifetimes, and gives up on a frozen desk's node after the configured wait", async () => {
    // The defaults are a 5 s lease, a 10 s heartbeat and a 5 s wait; these differ from them in both directions.
    const client = cluster.redis().client();
    const env = { REDIS_URL: cluster.redis().url, AGENT_GRACE_SECONDS: "0.5", CLUSTER_DESK_LEASE_SECONDS: "30", CLUSTER_NODE_TTL_SECONDS: "3", CLUSTER_DESK_CALL_TIMEOUT_SECONDS: "1" };
    const nodes: NodeProcess[] = [];
    for (let i = 0; i < 2; i++) nodes.push(await cluster.start(env));
    let healths: Awaited<ReturnType<NodeProcess["health"]>>[] = [];
    await expect.poll(async () => (healths = await Promise.all(nodes.map((n) => n.health()))).filter((h) => h.desk).length, { timeout: 60_000 }).toBe(1);

    // The lease is renewed every quarter of 30 s (so it never has less than ~22 s left; with the default it would
    // never have more than 5 s); each heartbeat key lives 3 s (with the default, never less than ~6.6 s).
    const leaseTtl = await client.pttl("parley:desk:lease");
    expect(leaseTtl).toBeGreaterThan(5000);
    expect(leaseTtl).toBeLessThanOrEqual(30_000);
    for (const { node } of healths) {
      const ttl = await client.pttl(`parley:node:${node}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(3000);
    }

    // The desk's node freezes (SIGSTOP: its connections stay open, so it still looks subscribed). A customer on the
    // other node starts a chat: that node waits 1 s for the desk (the default would be 5 s), answers
    // storage_unavailable and logs how long it waited.
    const deskIndex = healths.findIndex((h) => h.desk);
    const desk = nodes[deskIndex]!;
    const other = nodes[1 - deskIndex]!;
    const { socket } = await connectVisitor(other.url);
    desk.freeze();
    const start = { language: "en", name: "Ada", message: { id: "lifetimes-start", text: "hello" } };
    const reply = await socket.timeout(9000).emitWithAck("conversation:start", start);
    expect(reply).toMatchObject({ ok: false, error: "storage_unavailable" });
    // (Logs are written asynchronously: the line may come a moment after the answer.)
    await expect.poll(() => other.output(), { timeout: 30_000 }).toMatch(/desk did not answer [\w.]+ in 1000 ms/);

    // Thawed before its 30 s lease ran out, the desk's node answers again and the same start goes through once.
    desk.thaw();
    const retry = await retried(() => socket.timeout(9000).emitWithAck("conversation:start", start));
    expect(retry.ok).toBe(true);
  }, 120_000);
});

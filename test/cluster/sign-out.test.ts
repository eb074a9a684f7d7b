// Signing out on one node closes that session's sockets on every node, and only those (its room, through the adapter).
import { expect, it } from "vitest";
import { nodesForEachTest } from "../helpers/cluster.js";
import { addAgent, connectAgent, signIn } from "../helpers/clients.js";
import { describeWithRedis } from "../helpers/redis.js";

describeWithRedis("signing out on a cluster", () => {
  const startNodesOnRedis = nodesForEachTest();

  it("drops the session's socket on the other node and keeps the agent's other session", async () => {
    const [a, b] = await startNodesOnRedis(2);
    const agent = await addAgent(a!.store, { email: "lou.cluster@example.com" });
    const laptop = await signIn(a!.url, agent.email, agent.password);
    const phone = await signIn(a!.url, agent.email, agent.password);
    const laptopSocket = await connectAgent(b!.url, laptop);
    const phoneSocket = await connectAgent(b!.url, phone);
    const dropped = new Promise((resolve) => laptopSocket.once("disconnect", resolve));
    const res = await fetch(`${a!.url}/api/auth/logout`, { method: "POST", headers: { "content-type": "application/json", cookie: laptop }, body: "{}" });
    expect(res.status).toBeLessThan(300);
    await dropped;
    const list = await phoneSocket.timeout(30_000).emitWithAck("conversation:list", {});
    expect(list.ok).toBe(true);
    expect(phoneSocket.connected).toBe(true);
  });
});

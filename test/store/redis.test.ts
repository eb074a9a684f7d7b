import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { DuplicateEmailError } from "../../server/store/port.js";
import { connectRedis, REDIS_COMMAND_TIMEOUT_MS } from "../../server/store/redis-client.js";
import { isStorageFailure } from "../../server/store/failure.js";
import { startTcpProxy } from "../helpers/tcp-proxy.js";
import { createRedisStore } from "../../server/store/redis.js";
import { describeWithRedis, startRedis, type RedisServer } from "../helpers/redis.js";
import { describeStoreContract, type StoreHarness } from "./contract.js";
import { agent, conversation } from "./fixtures.js";
import { describeConsoleContract } from "./console-contract.js";
import { describeSelfServiceContract } from "./selfservice-contract.js";

describeWithRedis("Redis store", () => {
  let server: RedisServer;
  let prefixes = 0;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(() => server?.stop());

  /** A store on its own key prefix, so the tests of this file share one redis-server. */
  const harness = async (options: { fence?: () => string | null } = {}): Promise<StoreHarness & { client: Redis }> => {
    const client = connectRedis(server.url);
    const store = createRedisStore(client, { prefix: `t${++prefixes}:`, ...options });
    return { store, client, dispose: () => store.close() };
  };

  describeStoreContract("redis", harness);
  describeSelfServiceContract("redis", harness);
  describeConsoleContract("redis", harness);

  describe("beyond the contract", () => {
    it("fails a read that gets no answer (a connection gone silent) with a storage error instead of waiting for ever", async () => {
      const proxy = await startTcpProxy(server.url.replace(/^redis:/, "http:"));
      const client = connectRedis(proxy.url.replace(/^http:/, "redis:"), { commandTimeout: 300 });
      const store = createRedisStore(client, { prefix: `t${++prefixes}:` });
      try {
        await store.agents.put(agent());
        proxy.blackhole();
        const failed = await store.agents.get("a_alex").then(() => null, (err: unknown) => err);
        expect(isStorageFailure(failed)).toBe(true);
        const plain = connectRedis(server.url);
        expect(plain.options.commandTimeout).toBe(REDIS_COMMAND_TIMEOUT_MS);
        plain.disconnect();
      } finally {
        await store.close();
        await proxy.close();
      }
    });

    it("refuses a second agent with the same email in another case and keeps the first", async () => {
      const { store, dispose } = await harness();
      await store.agents.put(agent());
      await expect(store.agents.put(agent({ id: "a_other", email: "ALEX@example.com" }))).rejects.toBeInstanceOf(DuplicateEmailError);
      await store.agents.put(agent({ email: "alex.new@example.com" }));
      await store.agents.put(agent({ id: "a_other", email: "Alex@example.com" }));
      expect((await store.agents.getByEmail("alex@example.com"))?.id).toBe("a_other");
      await dispose();
    });

    it("refuses conversation writes from a node that does not hold the desk lease's token", async () => {
      let token: string | null = "7";
      const { store, client, dispose } = await harness({ fence: () => token });
      await client.set(`t${prefixes}:desk:lease`, "7");
      expect(await store.conversations.create(conversation())).toBe(true);
      token = "6";
      await expect(store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0)).rejects.toThrow(/FENCED/);
      token = null;
      await expect(store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0)).rejects.toThrow(/FENCED/);
      token = "7";
      expect((await store.conversations.update(conversation({ status: "assigned", assigneeId: "a_alex" }), 0)).ok).toBe(true);
      await dispose();
    });
  });
});

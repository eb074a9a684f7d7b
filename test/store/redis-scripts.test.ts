// The Redis store's script runner: calls reach Redis in the order they were made, also while the script is loading.
import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { scriptRunner } from "../../server/store/redis-client.js";

/** A client whose SCRIPT LOADs answer when the test says, and which records the order of EVALSHAs. */
function slowLoadingClient() {
  const loads: ((sha: string) => void)[] = [];
  const order: string[] = [];
  const client = {
    script: () => new Promise<string>((resolve) => loads.push(resolve)),
    evalsha: async (_sha: string, _keys: number, ...args: string[]) => void order.push(args.at(-1)!),
  } as unknown as Redis;
  return { client, loads, order };
}

describe("scriptRunner", () => {
  it("sends calls made while the script loads, and one made once it has loaded, in the order they were made", async () => {
    const { client, loads, order } = slowLoadingClient();
    const run = scriptRunner(client);
    const first = run("return 1", [], ["a"]);
    const second = run("return 1", [], ["b"]);
    loads[0]!("sha");
    await new Promise((resolve) => setImmediate(resolve));
    const third = run("return 1", [], ["c"]);
    for (const load of loads.slice(1)) load("sha");
    await Promise.all([first, second, third]);
    expect(order).toEqual(["a", "b", "c"]);
    expect(loads).toHaveLength(1);
  });
});

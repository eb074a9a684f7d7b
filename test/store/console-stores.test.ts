import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../server/store/memory.js";
import { canned, describeConsoleContract } from "./console-contract.js";
import { lowdbHarness, useLowdbStores } from "./lowdb-stores.js";
import { makeTempDir } from "./temp-dir.js";

describeConsoleContract("memory", async () => {
  const store = createMemoryStore();
  return { store, dispose: () => store.close() };
});
describeConsoleContract("lowdb", lowdbHarness);

describe("lowdb console files", () => {
  const openStore = useLowdbStores();

  it("sees settings and canned responses another process (the parley command) changed, and keeps them across reopen", async () => {
    const dir = await makeTempDir();
    const server = await openStore(dir);
    const cli = await openStore(dir, { lock: false });
    await cli.canned.put(canned());
    await cli.settings.update(() => ({ ticketCategories: ["Billing"] }));
    expect(await server.canned.list()).toEqual([canned()]);
    expect(await server.settings.get()).toEqual({ ticketCategories: ["Billing"] });
    await server.close();
    const again = await openStore(dir);
    expect(await again.settings.get()).toEqual({ ticketCategories: ["Billing"] });
  });
});

// lowdb stores for tests: a contract harness, and stores opened in a test and closed after it.
import { afterEach } from "vitest";
import { openLowdbStore, type LowdbStoreOptions } from "../../server/store/lowdb.js";
import type { Store } from "../../server/store/port.js";
import type { StoreHarness } from "./contract.js";
import { makeTempDir, removeTempDirs } from "./temp-dir.js";

/** A fresh lowdb store in its own temp dir, for the contract suites. */
export async function lowdbHarness(): Promise<StoreHarness> {
  const store = await openLowdbStore(await makeTempDir(), { lock: true });
  return {
    store,
    dispose: async () => {
      await store.close();
      await removeTempDirs();
    },
  };
}

/** Registers an afterEach that closes every store it opened and removes the temp dirs; returns the opener. */
export function useLowdbStores(): (dir: string, options?: LowdbStoreOptions) => Promise<Store> {
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
    await removeTempDirs();
  });
  return async (dir, options = { lock: true }) => {
    const store = await openLowdbStore(dir, options);
    open.push(store);
    return store;
  };
}

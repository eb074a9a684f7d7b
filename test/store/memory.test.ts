import { createMemoryStore } from "../../server/store/memory.js";
import { describeStoreContract } from "./contract.js";

describeStoreContract("memory", async () => {
  const store = createMemoryStore();
  return { store, dispose: () => store.close() };
});

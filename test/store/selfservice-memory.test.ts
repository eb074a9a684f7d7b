import { createMemoryStore } from "../../server/store/memory.js";
import { describeSelfServiceContract } from "./selfservice-contract.js";

describeSelfServiceContract("memory", async () => {
  const store = createMemoryStore();
  return { store, dispose: () => store.close() };
});

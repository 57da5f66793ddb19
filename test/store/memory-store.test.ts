import { MemoryStore } from "../../src/index.js";
import { describeStoreContract } from "./store-contract.js";

// One instance is the backing: a client closed without destroying its players leaves them there.
describeStoreContract("MemoryStore", async () => {
  const store = new MemoryStore();
  return { store: () => store, cleanup: async () => undefined };
});

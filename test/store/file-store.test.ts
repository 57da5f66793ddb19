import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStore } from "../../src/index.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("FileStore", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sonora-file-store-"));
  return {
    store: () => new FileStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

// The same contract across compactions: every write folds the log into the snapshot.
describeStoreContract("FileStore compacting after every write", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sonora-file-store-"));
  return {
    store: () => new FileStore(dir, { compactAfterBytes: 1 }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild } from "../support/run-child.js";

const preload = fileURLToPath(new URL("./fixtures/without-async-dispose.mjs", import.meta.url));
const script = fileURLToPath(new URL("./fixtures/await-using-on-old-node.ts", import.meta.url));

describe("Symbol.asyncDispose: no global patched at import, `await using` still works (package is sideEffects: false)", () => {
  it("on a runtime without the symbol, import leaves it alone and creating a disposable installs it", async () => {
    const { code, stdout, stderr } = await runChild(process.execPath, [
      "--import",
      preload,
      "--import",
      "tsx",
      script,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      typescriptHelper: true, // the snippet ran TypeScript's __addDisposableResource, which needs the global
      beforeImport: null,
      afterImport: null,
      afterUse: true,
      simRunning: false,
      envDisposed: true,
    });
  }, 60_000);
});

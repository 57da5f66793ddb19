import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_NAME, SONORA_VERSION } from "../../src/client/index.js";

describe("the Client-Name header carries the package version", () => {
  it("matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(SONORA_VERSION).toBe(pkg.version);
    expect(CLIENT_NAME).toBe(`sonora/${pkg.version}`);
  });
});

import { describe, expect, it } from "vitest";
import { mayStartNext, Routes } from "../../src/protocol/index.js";

describe("routes", () => {
  it("encodes path segments and query values", () => {
    expect(Routes.player("abc", "123", true)).toBe("/v4/sessions/abc/players/123?noReplace=true");
    expect(Routes.loadTracks("ytsearch:a b&c")).toBe("/v4/loadtracks?identifier=ytsearch%3Aa%20b%26c");
  });
  it("knows which end reasons may start the next track", () => {
    expect(mayStartNext("finished")).toBe(true);
    expect(mayStartNext("loadFailed")).toBe(true);
    expect(mayStartNext("replaced")).toBe(false);
  });
});

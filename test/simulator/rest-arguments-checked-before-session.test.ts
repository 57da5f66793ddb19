import { beforeEach, describe, expect, it } from "vitest";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { rest } from "./helpers.js";

// Spring converts the body and `Long` path variables before PlayerRestHandler looks the session up,
// so Lavalink answers 400 (not 404 "Session not found") for a bad guildId or body on any session id.
describe("argument errors beat the unknown-session 404, as Spring resolves arguments first", () => {
  let sim: VirtualSimulator;
  beforeEach(async () => {
    sim = await testSimulator();
  });

  it.each([
    ["GET", "/v4/sessions/nosuchsession/players/abc", undefined],
    ["DELETE", "/v4/sessions/nosuchsession/players/abc", undefined],
    ["PATCH", "/v4/sessions/nosuchsession/players/abc", { volume: 10 }],
  ])("%s with a non-numeric guildId answers 400 naming guildId", async (method, path, body) => {
    const res = await rest(sim, method, path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, path });
    expect((res.body as { message: string }).message).toContain("'guildId'");
  });

  it("a malformed JSON body answers 400 on an unknown session (player and session PATCH)", async () => {
    for (const path of ["/v4/sessions/nosuchsession/players/1", "/v4/sessions/nosuchsession"]) {
      const res = await rest(sim, "PATCH", path, "{not json");
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ message: "Failed to read request", path });
    }
  });

  it("a well-formed request on an unknown session still answers 404 Session not found", async () => {
    const res = await rest(sim, "PATCH", "/v4/sessions/nosuchsession/players/1", { volume: 10 });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: "Session not found" });
  });
});

import { describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { loadOne, rest, TestClient } from "./helpers.js";

/** What Spring (6.1, with Lavalink's @EnableWebMvc and converters) answers before Lavalink's code runs. */
describe("what Spring answers before Lavalink's handlers", () => {
  it("a path without a handler is 404 'No endpoint …', with or without credentials", async () => {
    const sim = await testSimulator();
    for (const headers of [{}, { Authorization: "wrong" }]) {
      const res = await fetch(`${sim.url}/v4/nothing-here`, { headers });
      expect(res.status).toBe(404);
      expect(res.headers.get("lavalink-api-version")).toBe("4");
      expect(await res.json()).toMatchObject({
        status: 404,
        message: "No endpoint GET /v4/nothing-here.",
        path: "/v4/nothing-here",
      });
    }
  });

  it("/version is ISO-8859-1 text, or a JSON string for a client that accepts only JSON", async () => {
    const sim = await testSimulator();
    const text = await rest(sim, "GET", "/version");
    expect(text.headers.get("content-type")).toBe("text/plain;charset=ISO-8859-1");
    expect(text.text).toBe("4.2.2");
    const json = await rest(sim, "GET", "/version", undefined, { Accept: "application/json" });
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(json.text).toBe('"4.2.2"');
  });

  it("a body that is not JSON is 415; none at all is 'Required request body is missing'", async () => {
    const sim = await testSimulator();
    const client = await TestClient.connect(sim);
    const path = `${sim.url}/v4/sessions/${client.sessionId}/players/1`;
    const headers = { Authorization: TEST_PASSWORD };
    const plain = await fetch(path, {
      method: "PATCH",
      headers: { ...headers, "Content-Type": "text/plain" },
      body: "{}",
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ message: "Content-Type 'text/plain' is not supported" });
    const none = await fetch(path, { method: "PATCH", headers, body: new Blob(["{}"]) });
    expect(none.status).toBe(415);
    expect(await none.json()).toMatchObject({
      message: "Content-Type 'application/octet-stream' is not supported",
    });
    const empty = await fetch(path, {
      method: "PATCH",
      headers: { ...headers, "Content-Type": "application/json" },
    });
    expect(empty.status).toBe(400);
    const vendor = await fetch(path, {
      method: "PATCH",
      headers: { ...headers, "Content-Type": "application/vnd.bot+json; charset=utf-8" },
      body: JSON.stringify({ volume: 50 }),
    });
    expect(vendor.status).toBe(200);
    await client.close();
  });

  it("DELETE of a playing player ends its track with `stopped`; /v4/info leaves disabled filters out", async () => {
    const sim = await testSimulator({ disabledFilters: ["karaoke"] });
    const client = await TestClient.connect(sim);
    const path = `/v4/sessions/${client.sessionId}/players/1`;
    const { encoded } = await loadOne(sim);
    await rest(sim, "PATCH", path, { track: { encoded } });
    expect((await rest(sim, "DELETE", path)).status).toBe(204);
    const end = (await client.event("TrackEndEvent")) as unknown as { reason: string };
    expect(end.reason).toBe("stopped");
    const info = (await rest(sim, "GET", "/v4/info")).body as { filters: string[] };
    expect(info.filters).not.toContain("karaoke");
    expect(info.filters).toContain("timescale");
    await client.close();
  });
});

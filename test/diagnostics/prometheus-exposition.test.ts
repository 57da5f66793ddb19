import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/index.js";
import { registerSonoraMetrics } from "../../src/prometheus/index.js";
import { catalogTrack } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";

/** One sample line of the text exposition format: name, labels, value. */
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|NaN)$/;

/** Parses an exposition into `name{labels}` → value, checking every line's syntax on the way. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment) {
      if (comment[1] === "TYPE") {
        expect(["counter", "gauge", "histogram"]).toContain(comment[3]);
        typed.add(comment[2]!);
      }
      continue;
    }
    const match = SAMPLE.exec(line);
    expect(match, `not a valid sample line: ${line}`).not.toBeNull();
    const name = match![1]!;
    const family = name.replace(/_(bucket|sum|count)$/, "");
    expect(typed.has(name) || typed.has(family), `${name} has no TYPE line`).toBe(true);
    samples.set(`${name}${match![2] ?? ""}`, Number(match![3]));
  }
  return samples;
}

describe("sonora/prometheus exposes client.metrics() at scrape time", () => {
  it("writes valid series whose values equal the snapshot's", async () => {
    const env = await sonoraEnv({ nodes: ["main"], simulator: { playerUpdateInterval: 1_000 } });
    const { client } = env;
    const registry = new Registry();
    const registration = registerSonoraMetrics(client, { registry });
    const player = await env.player();
    await player.play(await env.loadTrack(catalogTrack("scraped", 60_000)));
    await player.queue.add(env.tracks(2));
    await env.advance(5_000);
    await env.settle();

    const text = await registry.metrics();
    const samples = parseExposition(text);
    const main = client.metrics().nodes.main!;
    expect(samples.get('sonora_frames_received_total{node="main",op="playerUpdate"}')).toBe(
      main.frames.byOp.playerUpdate,
    );
    expect(main.frames.byOp.playerUpdate).toBeGreaterThanOrEqual(4);
    expect(samples.get('sonora_events_received_total{node="main",type="TrackStartEvent"}')).toBe(1);
    expect(samples.get('sonora_players{node="main"}')).toBe(1);
    expect(samples.get('sonora_queued_tracks{node="main"}')).toBe(2);
    expect(samples.get('sonora_node_up{node="main"}')).toBe(1);
    expect(samples.get('sonora_node_sessions_total{node="main"}')).toBe(1);

    const route = 'node="main",method="PATCH",route="/v4/sessions/{sessionId}/players/{guildId}"';
    const patches = main.rest.find((r) => r.method === "PATCH" && r.route.endsWith("{guildId}"))!;
    expect(samples.get(`sonora_rest_requests_total{${route},outcome="2xx"}`)).toBe(patches.count);
    expect(samples.get(`sonora_rest_request_duration_seconds_count{${route}}`)).toBe(patches.count);
    expect(samples.get(`sonora_rest_request_duration_seconds_bucket{${route},le="+Inf"}`)).toBe(
      patches.count,
    );
    // Buckets are cumulative and in seconds.
    expect(samples.get(`sonora_rest_request_duration_seconds_bucket{${route},le="0.005"}`)).toBe(
      patches.count,
    );
    expect(text).toContain("# TYPE sonora_rest_request_duration_seconds histogram");

    // Scraping again reads a fresh snapshot.
    await env.advance(3_000);
    const later = parseExposition(await registry.metrics());
    expect(later.get('sonora_frames_received_total{node="main",op="playerUpdate"}')).toBe(
      client.metrics().nodes.main!.frames.byOp.playerUpdate,
    );

    registration.unregister();
    expect(await registry.metrics()).not.toContain("sonora_");
  });

  it("refuses what is not a client, a registry or a metric prefix", async () => {
    const env = await sonoraEnv();
    expect(() => registerSonoraMetrics({} as never)).toThrow(InvalidOptionError);
    expect(() => registerSonoraMetrics(env.client, { registry: {} as never })).toThrow(InvalidOptionError);
    expect(() => registerSonoraMetrics(env.client, { registry: new Registry(), prefix: "9 bad" })).toThrow(
      InvalidOptionError,
    );
    const named = registerSonoraMetrics(env.client, { registry: new Registry(), prefix: "bot_" });
    expect(named.names).toContain("bot_players");
  });

  it("only src/prometheus imports prom-client (the main entry point never loads it)", () => {
    const root = join(import.meta.dirname, "../../src");
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/from "prom-client"/.test(readFileSync(path, "utf8"))) offenders.push(relative(root, path));
      }
    };
    walk(root);
    expect(offenders.length).toBeGreaterThan(0);
    expect(offenders.filter((file) => !file.startsWith("prometheus/"))).toEqual([]);
  });
});

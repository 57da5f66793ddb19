import { describe, expect, it } from "vitest";
import { REST_LATENCY_BUCKETS_MS } from "../../src/index.js";
import { catalogTrack, TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { STEADY_CLIENT } from "../support/steady-client.js";

describe("client.metrics() counts what happened", () => {
  it("counts every playerUpdate, event and REST call the node sent or answered", async () => {
    const env = await sonoraEnv({
      nodes: ["main"],
      client: STEADY_CLIENT,
      simulator: { playerUpdateInterval: 1_000 },
    });
    const { simulator: sim, client } = env;
    const player = await env.player();
    const track = await env.loadTrack(catalogTrack("metrics-song", 60_000));
    await player.queue.add(env.tracks(3));
    await player.play(track);
    await env.advance(10_000);
    await env.settle();

    const metrics = client.metrics();
    const main = metrics.nodes.main!;
    const sent = (op: string) => sim.log.filter({ direction: "out", kind: "ws", op }).length;
    const updates = sent("playerUpdate");
    expect(updates).toBeGreaterThanOrEqual(9);
    expect(main.frames.byOp.playerUpdate).toBe(updates);
    expect(main.frames.byOp.ready).toBe(1);
    expect(main.frames.byOp.event).toBe(sent("event"));
    expect(main.frames.byEvent.TrackStartEvent).toBe(1);
    expect(main.frames.total).toBe(
      updates + sent("ready") + sent("event") + sent("stats") + main.frames.byOp.invalid,
    );
    expect(main.frames.characters).toBeGreaterThan(0);
    expect(main.sessions).toBe(1);
    expect(main.players).toBe(1);
    expect(main.playing).toBe(1);
    expect(main.queuedTracks).toBe(3);

    // Every HTTP exchange the simulator answered is counted once, under its route template.
    const answered = sim.log.filter({ direction: "out", kind: "rest" });
    const counted = main.rest.reduce((sum, route) => sum + route.count, 0);
    expect(counted).toBe(answered.length);
    for (const route of main.rest) {
      expect(route.latency.count).toBe(route.count);
      expect(route.latency.counts.reduce((a, b) => a + b, 0)).toBe(route.count);
      expect(route.latency.bucketsMs).toEqual([...REST_LATENCY_BUCKETS_MS]);
      expect(route.outcomes["2xx"]).toBe(route.count);
    }
    const patch = main.rest.find(
      (r) => r.method === "PATCH" && r.route === "/v4/sessions/{sessionId}/players/{guildId}",
    );
    expect(patch?.count).toBe(
      answered.filter((e) => e.method === "PATCH" && e.path?.includes("/players/")).length,
    );
    // The virtual clock does not move while a loopback request is in flight: 0 ms, first bucket.
    expect(patch?.latency.counts[0]).toBe(patch?.count);

    // A snapshot is plain data, and the total adds the nodes up.
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
    expect(metrics.total.frames).toEqual(main.frames);
    expect(metrics.total.rest).toEqual(main.rest);
    expect(player.guildId).toBe(TEST_GUILD_ID);
  });

  it("counts a forced reconnect and the resume, and a refused command's rollback", async () => {
    const env = await sonoraEnv({ nodes: ["main"], client: STEADY_CLIENT });
    const { simulator: sim, client } = env;
    const node = client.nodes.get("main")!;
    await waitUntil(() => sim.getSession(node.sessionId!)?.resuming === true, "resuming is configured");
    const player = await env.player();

    sim.dropConnection(node.sessionId!);
    await waitUntil(() => node.state === "reconnecting", "the client notices the drop");
    await env.advanceUntil(() => node.state === "ready", { description: "the node is back" });
    let main = client.metrics().nodes.main!;
    expect(main.disconnects).toBe(1);
    expect(main.reconnects).toBe(1);
    expect(main.resumes).toBe(1);
    expect(main.sessions).toBe(1);
    expect(main.frames.byOp.ready).toBe(2);

    // The node refuses the play (a 400 from a fault): the queue change is taken back.
    expect(main.rollbacks).toBe(0);
    const track = await env.loadTrack(catalogTrack("refused"));
    sim.faults.add({ type: "rest-error", status: 400, toxicity: 1, route: "PATCH /v4/sessions/*/players/*" });
    await expect(player.play(track)).rejects.toThrow();
    main = client.metrics().nodes.main!;
    expect(main.rollbacks).toBe(1);
    const refused = main.rest.find((r) => r.outcomes["4xx"] > 0);
    expect(refused?.method).toBe("PATCH");
  });

  it("counts a failover on the lost node and the total adds the nodes up", async () => {
    const env = await sonoraEnv({ nodes: ["a", "b"], client: STEADY_CLIENT });
    const { client } = env;
    const player = await client.getPlayer(TEST_GUILD_ID, { node: "a" });
    await player.play(await env.loadTrack(catalogTrack("survivor")));
    const moved = client.waitFor("playerMove");
    await env.simulatorOf("a").stop();
    await waitUntil(() => client.nodes.get("a")!.state === "reconnecting", "the client notices a is gone");
    await env.drive(moved, { stepMs: 500 });
    await env.settle();

    const metrics = client.metrics();
    const [a, b] = [metrics.nodes.a!, metrics.nodes.b!];
    expect(a).toMatchObject({ state: "disconnected", lost: 1, failovers: 1, reconnects: 3, players: 0 });
    expect(b).toMatchObject({ state: "ready", failovers: 0, players: 1, playing: 1 });
    expect(metrics.total).toMatchObject({ lost: 1, failovers: 1, reconnects: 3, players: 1, sessions: 2 });
    expect(metrics.total.frames.total).toBe(a.frames.total + b.frames.total);
    const restCount = (list: typeof a.rest) => list.reduce((sum, r) => sum + r.count, 0);
    expect(restCount(metrics.total.rest)).toBe(restCount(a.rest) + restCount(b.rest));
  });
});

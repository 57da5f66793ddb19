import { RestError, type Shoukaku } from "shoukaku";
import { afterEach, describe, expect, it } from "vitest";
import type { VirtualSimulator } from "../../src/testing/index.js";
import { testSimulator } from "../../src/testing/vitest.js";
import { CHANNEL, connectShoukaku, disconnectShoukaku, GUILD } from "./shoukaku-helpers.js";

describe("shoukaku 4.3.0 sees injected faults as real network and server failures", () => {
  let sim: VirtualSimulator;
  let shoukaku: Shoukaku | undefined;
  afterEach(async () => {
    disconnectShoukaku(shoukaku);
    shoukaku = undefined;
  });

  async function connect(): Promise<{ shoukaku: Shoukaku; errors: Error[] }> {
    const connected = await connectShoukaku(sim, {
      resume: true,
      resumeTimeout: 60,
      reconnectTries: 200,
      reconnectInterval: 0.01,
    });
    shoukaku = connected.shoukaku;
    return connected;
  }

  it("a 503 on player updates surfaces as shoukaku's RestError carrying Lavalink's error body", async () => {
    sim = await testSimulator();
    const { shoukaku: client } = await connect();
    const player = await client.joinVoiceChannel({ guildId: GUILD, channelId: CHANNEL, shardId: 0 });
    const fault = sim.faults.add({
      type: "rest-error",
      status: 503,
      route: "PATCH /v4/sessions/*/players/*",
    });
    const failure = await player.setGlobalVolume(50).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RestError);
    expect(failure).toMatchObject({ status: 503, error: "Service Unavailable" });
    expect(sim.getPlayer(undefined, GUILD)?.volume).toBe(100);
    sim.faults.remove(fault);
    await player.setGlobalVolume(50);
    expect(sim.getPlayer(undefined, GUILD)?.volume).toBe(50);
  });

  it("ws-close: shoukaku sees the close code and reason, reconnects with its Session-Id and resumes", async () => {
    sim = await testSimulator();
    const { shoukaku: client, errors } = await connect();
    const node = client.nodes.get("sim");
    const sessionId = node?.sessionId;
    const player = await client.joinVoiceChannel({ guildId: GUILD, channelId: CHANNEL, shardId: 0 });
    const fault = sim.faults.add({ type: "ws-close", code: 4000, reason: "chaos monkey", scope: "ws" });
    // shoukaku emits "close" before it reconnects: removing the fault there lets the new socket live.
    const closed = new Promise<[string, number, string]>((resolve) =>
      client.once("close", (name, code, reason) => {
        sim.faults.remove(fault);
        resolve([name, code, reason]);
      }),
    );
    const ready = new Promise<boolean>((resolve) =>
      client.once("ready", (_name, resumed) => resolve(resumed)),
    );
    // The next frame the node sends (a stats frame) is replaced by the close.
    await sim.clock.advance(60_000);
    expect(await closed).toEqual(["sim", 4000, "chaos monkey"]);
    expect(await ready).toBe(true);
    expect(node?.sessionId).toBe(sessionId);
    expect(sim.log.filter({ op: "handshake" }).map((e) => e.note)).toEqual(["new session", "resumed"]);
    expect(sim.faults.decisions.map((d) => [d.type, d.effect, d.target])).toEqual([
      ["ws-close", "closed 4000", "stats"],
    ]);
    // A network fault, not a protocol violation: shoukaku reported no error, and the player still works.
    expect(errors).toEqual([]);
    await player.setGlobalVolume(40);
    expect(sim.getPlayer(sessionId ?? undefined, GUILD)?.volume).toBe(40);
  });

  it("REST timeout: the node holds the answer, shoukaku's restTimeout aborts the request (no RestError)", async () => {
    sim = await testSimulator();
    const connected = await connectShoukaku(sim, { restTimeout: 0.2 });
    shoukaku = connected.shoukaku;
    const player = await shoukaku.joinVoiceChannel({ guildId: GUILD, channelId: CHANNEL, shardId: 0 });
    // Downstream: the node applies the update, the answer never comes (the virtual clock stands still).
    const fault = sim.faults.add({ type: "timeout", route: "PATCH /v4/sessions/*/players/*" });
    const failure = await player.setGlobalVolume(50).then(
      () => undefined,
      (error: unknown) => error,
    );
    // shoukaku's own real-time timer (200 ms) gave up: an abort, as for any unanswered request.
    expect(failure).not.toBeInstanceOf(RestError);
    expect(failure).toMatchObject({ name: "AbortError" });
    expect(sim.getPlayer(undefined, GUILD)?.volume).toBe(50);
    expect(sim.faults.decisions.map((d) => [d.type, d.effect, d.direction])).toEqual([
      ["timeout", "blackholed", "downstream"],
    ]);
    expect(connected.errors).toEqual([]);
    sim.faults.remove(fault);
    await player.setGlobalVolume(60);
    expect(sim.getPlayer(undefined, GUILD)?.volume).toBe(60);
  });

  it("a killed node: shoukaku loses the socket, meets ECONNREFUSED, and after restart gets a fresh session", async () => {
    sim = await testSimulator();
    const { shoukaku: client, errors } = await connect();
    const node = client.nodes.get("sim");
    const before = node?.sessionId;
    expect(before).toMatch(/^[a-z0-9]{16}$/);
    // events.once would reject on shoukaku's "error" events, which are expected here.
    const reconnecting = new Promise<void>((resolve) => client.once("reconnecting", () => resolve()));
    await sim.kill();
    await reconnecting;
    expect(errors.some((e) => (e as NodeJS.ErrnoException).code === "ECONNREFUSED")).toBe(true);
    const ready = new Promise<boolean>((resolve) =>
      client.once("ready", (_name, resumed) => resolve(resumed)),
    );
    await sim.restart();
    const lavalinkResume = await ready;
    // shoukaku tried to resume with its Session-Id; the restarted node knows no session.
    expect(lavalinkResume).toBe(false);
    expect(node?.sessionId).not.toBe(before);
    expect(sim.sessions).toHaveLength(1);
    // The log spans the restart: two new sessions, never a resumed one.
    expect(sim.log.filter({ op: "handshake" }).map((e) => e.note)).toEqual(["new session", "new session"]);
  });
});

import { EventEmitter, once } from "node:events";
import { Connector, type NodeOption, RestError, Shoukaku } from "shoukaku";
import { afterEach, describe, expect, it } from "vitest";
import { PASSWORD, startSim, type VirtualSim } from "./helpers.js";

const BOT_ID = "170939974227541168";
const GUILD = "111111111111111111";
const CHANNEL = "222222222222222222";

/** Stands in for a Discord library: answers shoukaku's voice join (op 4) with the two voice packets. */
class FakeDiscordConnector extends Connector {
  readonly gateway = new EventEmitter();
  constructor() {
    super({});
  }
  getId(): string {
    return BOT_ID;
  }
  sendPacket(_shardId: number, payload: unknown): void {
    const { d } = payload as { op: number; d: { guild_id: string; channel_id: string | null } };
    setImmediate(() => {
      this.raw({
        t: "VOICE_STATE_UPDATE",
        d: {
          guild_id: d.guild_id,
          channel_id: d.channel_id,
          user_id: BOT_ID,
          session_id: "voice-session-1",
          self_deaf: false,
          self_mute: false,
        },
      });
      if (d.channel_id !== null) {
        this.raw({
          t: "VOICE_SERVER_UPDATE",
          d: { guild_id: d.guild_id, token: "voice-token", endpoint: "rotterdam1234.discord.media:443" },
        });
      }
    });
  }
  listen(nodes: NodeOption[]): void {
    this.gateway.once("ready", () => this.ready(nodes));
  }
}

describe("shoukaku 4.3.0 sees injected faults as real network and server failures", () => {
  let sim: VirtualSim;
  let shoukaku: Shoukaku | undefined;
  afterEach(async () => {
    for (const node of shoukaku?.nodes.values() ?? []) node.disconnect(1000, "test over");
    shoukaku = undefined;
    if (sim.running) await sim.stop();
  });

  async function connect(): Promise<{ shoukaku: Shoukaku; errors: Error[] }> {
    const connector = new FakeDiscordConnector();
    const client = new Shoukaku(connector, [{ name: "sim", url: `127.0.0.1:${sim.port}`, auth: PASSWORD }], {
      resume: true,
      resumeTimeout: 60,
      reconnectTries: 200,
      reconnectInterval: 0.01,
    });
    const errors: Error[] = [];
    client.on("error", (_name, error) => errors.push(error));
    const ready = once(client, "ready");
    connector.gateway.emit("ready");
    await ready;
    shoukaku = client;
    return { shoukaku: client, errors };
  }

  it("a 503 on player updates surfaces as shoukaku's RestError carrying Lavalink's error body", async () => {
    sim = await startSim();
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

  it("a killed node: shoukaku loses the socket, meets ECONNREFUSED, and after restart gets a fresh session", async () => {
    sim = await startSim();
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

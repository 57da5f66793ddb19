import { EventEmitter, once } from "node:events";
import { Connector, type NodeOption, Shoukaku, type ShoukakuOptions } from "shoukaku";
import { TEST_PASSWORD, type VirtualSimulator } from "../../src/testing/index.js";

const BOT_ID = "170939974227541168";
/** The guild and voice channel the shoukaku tests join. */
export const GUILD = "111111111111111111";
export const CHANNEL = "222222222222222222";

/** Stands in for a Discord library: answers shoukaku's voice join (op 4) with the two voice packets. */
export class FakeDiscordConnector extends Connector {
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

/** A shoukaku connected to the simulator as node "sim", with what its `ready` and `error` events said. */
export interface ConnectedShoukaku {
  shoukaku: Shoukaku;
  /** The `ready` event's arguments: node name and whether Lavalink resumed the session. */
  ready: [name: string, resumed: boolean];
  /** Every `error` shoukaku emitted (listening also keeps them from being thrown). */
  errors: Error[];
}

/** Starts shoukaku with a {@link FakeDiscordConnector} against `sim` and waits for its node's `ready`. */
export async function connectShoukaku(
  sim: VirtualSimulator,
  options: ShoukakuOptions = {},
): Promise<ConnectedShoukaku> {
  const connector = new FakeDiscordConnector();
  const shoukaku = new Shoukaku(
    connector,
    [{ name: "sim", url: `127.0.0.1:${sim.port}`, auth: TEST_PASSWORD }],
    options,
  );
  const errors: Error[] = [];
  shoukaku.on("error", (_name, error) => errors.push(error));
  const ready = once(shoukaku, "ready");
  connector.gateway.emit("ready");
  const [name, resumed] = (await ready) as [string, boolean];
  return { shoukaku, ready: [name, resumed], errors };
}

/** Closes every node socket of `shoukaku` (after a test), so nothing keeps the process busy. */
export function disconnectShoukaku(shoukaku: Shoukaku | undefined): void {
  for (const node of shoukaku?.nodes.values() ?? []) node.disconnect(1000, "test over");
}

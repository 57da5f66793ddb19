/**
 * One client of the `client/end-to-end` bench, in its own process: connects to the fake node through
 * the library's normal manager, creates a player for each of the 1,000 guilds, then reports its own
 * CPU time (process.cpuUsage) from the parent's "go" until it has handled the sentinel frame (the last
 * one, for the first guild, with a position no other frame has).
 *
 *   node --import tsx bench/e2e/client-child.ts <floor|sonora|shoukaku|lavalink-client> <port>
 */

import { assertBuiltPackage } from "../built-package.js";
import { e2eGuilds, SENTINEL_POSITION } from "./protocol.js";

assertBuiltPackage();

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);
const guilds = e2eGuilds();
const first = guilds[0]!;
const USER_ID = "159985870458322944";

/** Reads the first guild's last reported position (the library's own view of it). */
let position: () => number;

async function setUp(): Promise<void> {
  switch (kind) {
    case "floor": {
      const { default: WebSocket } = await import("ws");
      let last = 0;
      const ws = new WebSocket(`ws://127.0.0.1:${port}/v4/websocket`, {
        headers: { Authorization: "bench", "User-Id": USER_ID, "Client-Name": "floor" },
      });
      ws.on("message", (data) => {
        const frame = JSON.parse(String(data)) as { guildId?: string; state?: { position: number } };
        if (frame.guildId === first) last = frame.state!.position;
      });
      await new Promise((resolve) => ws.once("open", resolve));
      position = () => last;
      return;
    }
    case "sonora": {
      const { SonoraClient } = await import("../../src/index.js");
      const client = new SonoraClient([{ host: "127.0.0.1", port, password: "bench", name: "bench" }], {
        userId: USER_ID,
      });
      await client.start();
      for (const guild of guilds) await client.getPlayer(guild);
      const player = client.players.get(first)!;
      position = () => player.position;
      return;
    }
    case "shoukaku": {
      const { Connector, Shoukaku } = await import("shoukaku");
      class BenchConnector extends Connector {
        getId(): string {
          return USER_ID;
        }
        sendPacket(): void {}
        listen(nodes: never[]): void {
          // Shoukaku calls listen() from its constructor: ready() must wait until that has returned.
          setImmediate(() => this.ready(nodes));
        }
      }
      const connector = new BenchConnector({});
      const shoukaku = new Shoukaku(connector, [{ name: "bench", url: `127.0.0.1:${port}`, auth: "bench" }], {
        reconnectTries: 1, // Shoukaku 4.3 counts the first attempt: 0 would never connect
      });
      shoukaku.on("error", () => undefined);
      await new Promise<void>((resolve) => shoukaku.once("ready", () => resolve()));
      const node = shoukaku.nodes.get("bench")!;
      // Players as its joinVoiceChannel makes them (without a Discord gateway to ask).
      const { Player } = await import("shoukaku");
      for (const guild of guilds) shoukaku.players.set(guild, new Player(guild, node));
      const player = shoukaku.players.get(first)!;
      position = () => player.position;
      return;
    }
    case "lavalink-client": {
      const { LavalinkManager } = await import("lavalink-client");
      const manager = new LavalinkManager({
        nodes: [{ host: "127.0.0.1", port, authorization: "bench", id: "bench", retryAmount: 1 }],
        sendToShard: () => undefined,
        client: { id: USER_ID },
      });
      manager.nodeManager.on("error", () => undefined);
      await manager.init({ id: USER_ID });
      const node = manager.nodeManager.nodes.get("bench")!;
      await new Promise<void>((resolve) => {
        const check = () => (node.sessionId ? resolve() : setTimeout(check, 5));
        check();
      });
      for (const guild of guilds) manager.createPlayer({ guildId: guild, voiceChannelId: "900", node });
      const player = manager.players.get(first)!;
      position = () => player.lastPosition;
      return;
    }
    default:
      throw new Error(`unknown client ${kind}`);
  }
}

await setUp();
process.send!({ ready: true });
process.once("message", () => {
  const before = process.cpuUsage();
  const started = process.hrtime.bigint();
  const poll = (): void => {
    if (position() === SENTINEL_POSITION) {
      const cpu = process.cpuUsage(before);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      process.send!({ cpuUs: cpu.user + cpu.system, wallMs }, () => process.exit(0));
      return;
    }
    setTimeout(poll, 2);
  };
  poll();
});

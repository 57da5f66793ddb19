/**
 * A bot process for the SIGKILL tests (test/store/sigkill-file-store.test.ts): a SonoraClient with a
 * FileStore on two nodes. It restores what the store holds, reports it, then runs a seeded series of
 * player and queue commands, printing each one's resulting state once its promise resolved (the
 * acknowledgement) before starting the next. The parent kills it with SIGKILL at a random moment.
 *
 * Usage: node --import tsx test/support/store-bot.ts <dir> <seed> <portA> <portB> <password>
 * Output: one JSON object per line: {type:"restored",...}, then {type:"begin",...} and {type:"ack",...}
 * per command.
 */

import { SeededRandom } from "../../src/base/random.js";
import { FileStore, SonoraClient, Track } from "../../src/index.js";
import { MockFactory } from "../../src/mock/factory.js";
import { RedisStore } from "../../src/redis/index.js";

export const BOT_ID = "170000000000000001";
export const BOT_GUILDS = ["300000000000000001", "300000000000000002", "300000000000000003"];

/** What the parent compares: a guild's player as the bot saw it. */
export interface BotGuildState {
  guildId: string;
  node: string;
  current: string | null;
  upcoming: string[];
  history: string[];
  loop: string;
  paused: boolean;
  volume: number;
  position: number;
  /** Date.now() when read. */
  at: number;
}

const [dir, seedText, portA, portB, password] = process.argv.slice(2);
const seed = Number(seedText);
const random = new SeededRandom(seed);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random.next() * list.length)]!;
const print = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

const client = new SonoraClient(
  [
    { name: "a", host: "127.0.0.1", port: Number(portA), password: password! },
    { name: "b", host: "127.0.0.1", port: Number(portB), password: password! },
  ],
  {
    userId: BOT_ID,
    send: () => undefined,
    // A redis:// URL in place of the folder runs the same bot on a RedisStore (short leases: each
    // restart waits for the killed process's lease to expire).
    store: dir!.startsWith("redis://")
      ? new RedisStore({ url: dir!, prefix: "sigkill", leaseMs: 300 })
      : new FileStore(dir!),
    offline: false,
    resume: { timeout: 60 },
    reconnect: { maxRetries: 2, baseDelay: 200 },
  },
);

function stateOf(guildId: string): BotGuildState | null {
  const p = client.players.get(guildId);
  if (p === undefined) return null;
  return {
    guildId,
    node: p.node.name,
    current: p.currentTrack?.identifier ?? null,
    upcoming: p.queue.upcoming.map((t) => t.identifier),
    history: p.queue.history.map((t) => t.identifier),
    loop: p.queue.loop,
    paused: p.paused,
    volume: p.volume,
    position: p.position,
    at: Date.now(),
  };
}

// Ten-minute tracks: nothing ends on its own during a run, so only commands change the queues.
const factory = new MockFactory({ seed: "store-bot" });
const tracks = factory.buildList(40, { length: 600_000 }).map((t) => Track.fromLavalink(t));

async function joinVoice(guildId: string): Promise<void> {
  await client.handleRaw({
    t: "VOICE_STATE_UPDATE",
    d: {
      guild_id: guildId,
      channel_id: "400000000000000001",
      user_id: BOT_ID,
      session_id: `voice-${guildId}`,
    },
  });
  await client.handleRaw({
    t: "VOICE_SERVER_UPDATE",
    d: { guild_id: guildId, token: "token", endpoint: "voice.test" },
  });
}

async function step(n: number): Promise<void> {
  const guildId = pick(BOT_GUILDS);
  // Before the command: the parent then knows which guild a kill may have caught mid-command.
  print({ type: "begin", n, guildId });
  let player = client.players.get(guildId);
  if (player === undefined) {
    player = await client.getPlayer(guildId);
    await player.connect("400000000000000001");
    await joinVoice(guildId);
    await player.play(pick(tracks));
    print({ type: "ack", n, command: "create+play", state: stateOf(guildId) });
    return;
  }
  const q = player.queue;
  const kinds = [
    "add",
    "add",
    "insert",
    "remove",
    "move",
    "seek",
    "pause",
    "volume",
    "skip",
    "loop",
    "play",
    "failover",
    "shuffle",
  ];
  const kind = pick(kinds);
  switch (kind) {
    case "add":
      await q.add([pick(tracks), pick(tracks)]);
      break;
    case "insert":
      await q.insert(Math.floor(random.next() * (q.size + 1)), pick(tracks));
      break;
    case "remove":
      if (q.size > 0) await q.remove(Math.floor(random.next() * q.size));
      break;
    case "move":
      if (q.size > 1) await q.move(Math.floor(random.next() * q.size), Math.floor(random.next() * q.size));
      break;
    case "seek":
      if (player.currentTrack !== null) await player.seek(Math.floor(random.next() * 500_000));
      break;
    case "pause":
      await (player.paused ? player.resume() : player.pause());
      break;
    case "volume":
      await player.setVolume(Math.floor(random.next() * 150));
      break;
    case "skip":
      if (q.size > 0) await player.skip();
      break;
    case "loop":
      q.setLoop(pick(["off", "track", "queue"] as const));
      await player.saved();
      break;
    case "play":
      await player.play(pick(tracks));
      break;
    case "failover": {
      const other = client.nodes.get(player.node.name === "a" ? "b" : "a")!;
      if (other.ready) await player.moveTo(other);
      break;
    }
    case "shuffle":
      await q.shuffle();
      break;
  }
  print({ type: "ack", n, command: kind, state: stateOf(guildId) });
}

async function main(): Promise<void> {
  client.on("error", (error) => process.stderr.write(`client error: ${String(error)}\n`));
  await client.start();
  const sessions = Object.fromEntries([...client.nodes].map((n) => [n.name, n.sessionId]));
  print({ type: "restored", sessions, players: BOT_GUILDS.map(stateOf).filter((s) => s !== null) });
  for (let n = 1; ; n++) await step(n);
}

main().catch((error: unknown) => {
  process.stderr.write(`store-bot failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

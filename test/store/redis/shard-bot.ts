// One shard process of a sharded bot, for the multi-process test: a SonoraClient with a RedisStore
// and `shards: { ids: [SHARD], count: COUNT }`, driven by JSON lines on stdin and answering on
// stdout. Run with `node --import tsx test/store/redis/shard-bot.ts`.
//
// stdin:  {"id":1,"op":"play","guild":"…","tracks":["sonora:track:600000#a", …]}
//         {"id":2,"op":"add","guild":"…","track":"sonora:track:600000#b"}
// stdout: {"type":"started","sessionId":"…","players":[…]}   after client.start()
//         {"type":"ack","id":1,"players":[…]}                  after the command's promise resolved
//         {"type":"failed","id":2,"code":"…","message":"…"}
import { createInterface } from "node:readline";
import { SonoraClient } from "../../../src/index.js";
import { RedisStore } from "../../../src/redis/index.js";
import { MockGateway, waitForEvent } from "../../../src/testing/index.js";

const USER_ID = "900000000000000001";
const CHANNEL_ID = "900000000000000002";
const env = process.env;
const shard = Number(env.SHARD);
const count = Number(env.SHARD_COUNT);

const store = new RedisStore({
  url: env.REDIS_URL ?? "",
  prefix: env.REDIS_PREFIX ?? "sonora",
  leaseMs: Number(env.LEASE_MS ?? 1_500),
  onLeaseLost: (error) => report({ type: "leaseLost", shard: error.shard }),
});
const gateway = new MockGateway({ userId: USER_ID });
const client = new SonoraClient(
  [{ name: "main", host: "127.0.0.1", port: Number(env.SIM_PORT), password: env.SIM_PASSWORD ?? "" }],
  { userId: USER_ID, send: gateway.send, store, clientId: `shard-${shard}`, shards: { ids: [shard], count } },
);
gateway.attach(client);
client.on("error", () => undefined);

function report(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Every player of this process: its guild, current track and queue, by track identifier. */
function players(): { guild: string; current: string | null; upcoming: string[] }[] {
  return [...client.players.values()]
    .map((p) => ({
      guild: p.guildId,
      current: p.currentTrack?.info.identifier ?? null,
      upcoming: p.queue.upcoming.map((t) => t.info.identifier),
    }))
    .sort((a, b) => a.guild.localeCompare(b.guild));
}

async function load(identifier: string) {
  const track = (await client.load(identifier)).tracks[0];
  if (track === undefined) throw new Error(`${identifier} loads nothing`);
  return track;
}

async function run(command: { op: string; guild: string; tracks?: string[]; track?: string }): Promise<void> {
  if (command.op === "play") {
    const player = await client.getPlayer(command.guild);
    const voiced = waitForEvent(client, "voiceUpdate", { filter: (p) => p.guildId === command.guild });
    await player.connect(CHANNEL_ID);
    await voiced;
    const [first, ...rest] = await Promise.all((command.tracks ?? []).map(load));
    if (first !== undefined) await player.play(first);
    if (rest.length > 0) await player.queue.add(rest);
    return;
  }
  if (command.op === "add") {
    const player = client.players.get(command.guild);
    if (player === undefined) throw new Error(`no player in guild ${command.guild}`);
    await player.queue.add(await load(command.track ?? ""));
    return;
  }
  throw new Error(`unknown op ${command.op}`);
}

try {
  await client.start();
} catch (error) {
  report({ type: "startFailed", code: (error as { code?: string }).code, message: String(error) });
  process.exit(1);
}
report({ type: "started", sessionId: [...client.nodes][0]?.sessionId ?? null, players: players() });

createInterface({ input: process.stdin }).on("line", (line) => {
  const command = JSON.parse(line) as { id: number; op: string; guild: string };
  run(command).then(
    () => report({ type: "ack", id: command.id, players: players() }),
    (error: unknown) =>
      report({
        type: "failed",
        id: command.id,
        code: (error as { code?: string }).code,
        message: String(error),
      }),
  );
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProtocolSimulator } from "../../../src/testing/index.js";
import { SKIP_REDIS, startRedis, type TestRedis } from "../../support/redis-server.js";
import { guildOfShard, rawClient } from "./fixtures.js";
import { type BotPlayer, ShardProcess } from "./shard-processes.js";

// Three shard processes of one bot (real child processes, each a SonoraClient with a RedisStore and
// `shards: { ids: [k], count: 3 }`) on one Redis and one simulator. Shard 1 is killed with SIGKILL
// with a command in flight, and started again.
const COUNT = 3;
const PASSWORD = "shards";
const PREFIX = "bot";

describe.skipIf(SKIP_REDIS)(
  "three shard processes on one Redis, one killed with SIGKILL and restarted",
  () => {
    let redis: TestRedis;
    let sim: ProtocolSimulator;
    const processes: ShardProcess[] = [];
    const spawnShard = (shard: number): ShardProcess => {
      const bot = new ShardProcess({
        SHARD: String(shard),
        SHARD_COUNT: String(COUNT),
        REDIS_URL: redis.url,
        REDIS_PREFIX: PREFIX,
        SIM_PORT: String(sim.port),
        SIM_PASSWORD: PASSWORD,
        LEASE_MS: "1500",
      });
      processes.push(bot);
      return bot;
    };

    beforeAll(async () => {
      redis = await startRedis();
      sim = new ProtocolSimulator({ port: 0, clock: "real", password: PASSWORD, seed: 14 });
      await sim.start();
    });
    afterAll(async () => {
      await Promise.all(processes.map((p) => p.kill()));
      await sim?.stop();
      await redis?.stop();
    });

    it("no guild is driven twice, none is lost, and the restarted process restores only its own guilds", async () => {
      // Two guilds per shard; each process is told only about its own.
      const guilds = [0, 1, 2].map((shard) => [guildOfShard(shard, COUNT, 0), guildOfShard(shard, COUNT, 1)]);
      const bots = [0, 1, 2].map(spawnShard);
      const starts = await Promise.all(bots.map((b) => b.started()));
      expect(starts.map((s) => s.type)).toEqual(["started", "started", "started"]);
      expect(starts.map((s) => s.players)).toEqual([[], [], []]);

      // What each guild's queue is, as acknowledged to the bot (the command's promise resolved).
      const acknowledged = new Map<string, BotPlayer>();
      const remember = (players: BotPlayer[] | undefined) => {
        for (const p of players ?? []) acknowledged.set(p.guild, p);
      };
      let n = 0;
      const nextTrack = () => `sonora:track:600000#t${++n}`;
      await Promise.all(
        bots.flatMap((bot, shard) =>
          guilds[shard]!.map(async (guild) => {
            const ack = await bot.command({
              op: "play",
              guild,
              tracks: [nextTrack(), nextTrack(), nextTrack()],
            }).done;
            remember(ack.players);
          }),
        ),
      );

      // Shard 1: one add acknowledged, then SIGKILL with another add in flight.
      const [g10, g11] = guilds[1]!;
      remember((await bots[1]!.command({ op: "add", guild: g10!, track: nextTrack() }).done).players);
      const inFlightTrack = nextTrack();
      const inFlight = bots[1]!.command({ op: "add", guild: g11!, track: inFlightTrack });
      inFlight.done.catch(() => undefined);
      const oldSession = starts[1]!.sessionId;
      await bots[1]!.kill();
      const acknowledgedBeforeKill = structuredClone([...acknowledged.values()]);

      // The others keep working while shard 1 is down, and write only their own guilds.
      for (const shard of [0, 2]) {
        remember(
          (await bots[shard]!.command({ op: "add", guild: guilds[shard]![0]!, track: nextTrack() }).done)
            .players,
        );
      }

      // Restarted: it waits for the dead process's lease to expire, then restores shard 1's guilds only.
      const restarted = spawnShard(1);
      const start = await restarted.started();
      expect(start.type).toBe("started");
      const restored = start.players ?? [];
      expect(restored.map((p) => p.guild).sort()).toEqual([g10!, g11!].sort());
      for (const p of restored) {
        const acked = acknowledgedBeforeKill.find((a) => a.guild === p.guild)!;
        expect(p.current).toBe(acked.current);
        // Every acknowledged track is there, in order; the unacknowledged add may or may not be.
        const extra = p.upcoming.slice(acked.upcoming.length);
        expect(p.upcoming.slice(0, acked.upcoming.length)).toEqual(acked.upcoming);
        expect(extra.length === 0 || (p.guild === g11 && extra.length === 1)).toBe(true);
      }
      // The node session of the killed process was resumed, not replaced.
      expect(start.sessionId).toBe(oldSession);
      remember(restored);
      remember((await restarted.command({ op: "add", guild: g10!, track: nextTrack() }).done).players);

      // No guild is driven twice: one player per guild on the node, on its own shard's session.
      const sessions = [starts[0]!.sessionId, start.sessionId, starts[2]!.sessionId];
      for (const [shard, pair] of guilds.entries()) {
        for (const guild of pair) {
          const onNode = sim.players.filter((p) => p.guildId === guild);
          expect(
            onNode.map((p) => p.sessionId),
            `guild ${guild}`,
          ).toEqual([sessions[shard]]);
        }
      }
      // None is lost: Redis holds all six guilds, each as last acknowledged.
      const check = await rawClient(redis.url);
      const stored = await check.hGetAll(`${PREFIX}:players`);
      await check.close();
      expect(Object.keys(stored).sort()).toEqual(guilds.flat().sort());
      for (const [guild, text] of Object.entries(stored)) {
        const record = JSON.parse(text) as {
          track: { info: { identifier: string } } | null;
          queue: { upcoming: { info: { identifier: string } }[] };
        };
        const expected = acknowledged.get(guild)!;
        expect(record.track?.info.identifier ?? null, guild).toBe(expected.current);
        expect(
          record.queue.upcoming.map((t) => t.info.identifier),
          guild,
        ).toEqual(expected.upcoming);
      }
    }, 120_000);
  },
);

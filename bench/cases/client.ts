/**
 * The client's cost per received `playerUpdate` frame, the frame every player gets every few
 * seconds (the hot path of a busy bot: 1000 players → 200 frames/s at Lavalink's default rate).
 *
 * Floor: `JSON.parse` of the same frame text. Every client must at least parse the frame; the
 * ratio shows what validation, the player lookup, the state update and event dispatch add.
 * Peers: Shoukaku's `Node.message` and lavalink-client's `LavalinkNode.message`, each with the
 * same 100 players registered, handling the very same frame strings (their message handlers are
 * what their WebSocket `message` listeners call). No sockets: frames are fed directly, so only
 * the handling is measured.
 */
import { LavalinkManager } from "lavalink-client";
import { Node as ShoukakuNode, Player as ShoukakuPlayer } from "shoukaku";
import { SonoraClient } from "../../src/client/index.js";
import { nodeControl } from "../../src/client/node/node.js";
import type { BenchCase } from "../harness.js";

/** The cases this module provides, known without building anything. */
export const names = ["client/playerUpdate"] as const;

/** Builds the three clients and their players (only when `client/playerUpdate` is selected). */
export async function cases(): Promise<BenchCase[]> {
  const GUILDS = Array.from({ length: 100 }, (_, i) => String(817327181659111454n + BigInt(i)));
  const frames = GUILDS.flatMap((guildId, i) =>
    Array.from({ length: 10 }, (_, k) =>
      JSON.stringify({
        op: "playerUpdate",
        guildId,
        state: {
          time: 1_704_067_200_000 + k * 5_000,
          position: k * 5_000 + i,
          connected: true,
          ping: 20 + (i % 7),
        },
      }),
    ),
  );

  // Sonora: a node that never connects, with players placed on it explicitly.
  const sonora = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x", name: "bench" }]);
  for (const guild of GUILDS) await sonora.getPlayer(guild, { node: "bench" });
  // The frame reader the node's WebSocket `message` listener calls (internal, hence nodeControl).
  const sonoraNode = nodeControl(sonora.nodes.get("bench")!);

  // Shoukaku: its Node only needs a manager with options and a players map.
  const shoukakuManager = { options: { structures: {} }, players: new Map<string, unknown>() };
  const shoukakuNode = new ShoukakuNode(shoukakuManager as never, {
    name: "bench",
    url: "127.0.0.1:1",
    auth: "x",
  });
  for (const guild of GUILDS) shoukakuManager.players.set(guild, new ShoukakuPlayer(guild, shoukakuNode));

  // lavalink-client: a manager with one (unconnected) node and players created through it.
  const lavalink = new LavalinkManager({
    nodes: [{ host: "127.0.0.1", port: 1, authorization: "x", id: "bench" }],
    sendToShard: () => undefined,
    client: { id: "159985870458322944" },
  });
  // No init(): it would open sockets; createPlayer only needs the node object.
  lavalink.nodeManager.on("error", () => undefined);
  const lavalinkNode = lavalink.nodeManager.nodes.get("bench")!;
  for (const guild of GUILDS) {
    lavalink.createPlayer({ guildId: guild, voiceChannelId: "900", node: lavalinkNode });
  }
  type MessageHandler = { message(d: unknown): Promise<void> };

  return [
    {
      name: "client/playerUpdate",
      description: `handling ${frames.length} playerUpdate frames for 100 players (floor: JSON.parse of the frames)`,
      unit: "frames",
      itemsPerCall: frames.length,
      subject: {
        name: "sonora node frame reader",
        fn: () => {
          for (const f of frames) sonoraNode.receive(f);
          return sonora.players.size;
        },
      },
      floor: {
        name: "JSON.parse",
        fn: () => {
          let total = 0;
          for (const f of frames) total += (JSON.parse(f) as { state: { position: number } }).state.position;
          return total;
        },
      },
      peers: [
        {
          name: "shoukaku Node.message",
          fn: () => {
            for (const f of frames) void (shoukakuNode as unknown as MessageHandler).message(f);
            return shoukakuManager.players.size;
          },
        },
        {
          name: "lavalink-client LavalinkNode.message",
          fn: () => {
            for (const f of frames) void (lavalinkNode as unknown as MessageHandler).message(f);
            return lavalink.players.size;
          },
        },
      ],
    },
  ];
}

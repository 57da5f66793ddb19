import { WebSocketShardEvents, WebSocketManager as WSWebSocketManager } from "@discordjs/ws";
import { Client, GatewayIntentBits, WebSocketShard } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { attachDiscordJs, discordJsSend, InvalidOptionError } from "../../src/index.js";
import {
  CHANNEL,
  connectorEnv,
  expectVoiceReachedNode,
  GUILD,
  JOIN,
  voiceServerDispatch,
  voiceStateDispatch,
} from "./helpers.js";

/**
 * A real discord.js Client, not logged in: its WebSocketManager wired to a real @discordjs/ws
 * manager the way `client.login()` wires it (minus the network), with shard 0 in place.
 */
function discordJsClient() {
  const discord = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates] });
  const manager = discord.ws as unknown as {
    _ws: WSWebSocketManager;
    attachEvents(): void;
    shards: Map<number, WebSocketShard>;
  };
  manager._ws = new WSWebSocketManager({ token: "not-a-token", intents: 0, rest: discord.rest });
  manager.attachEvents();
  // The constructor is private to discord.js's typings; `connect()` calls it exactly so.
  const Shard = WebSocketShard as unknown as new (manager: unknown, id: number) => WebSocketShard;
  manager.shards.set(0, new Shard(discord.ws, 0));
  /** What @discordjs/ws emits for every dispatch a shard receives. */
  const dispatch = (data: object) =>
    manager._ws.emit(WebSocketShardEvents.Dispatch, { data, shardId: 0 } as never);
  return { discord, ws: manager._ws, dispatch };
}

describe("discord.js connector (discord.js 14, real client)", () => {
  it("joins through the guild's shard and feeds discord.js's raw dispatches into the player", async () => {
    const { discord, ws, dispatch } = discordJsClient();
    const sendSpy = vi.spyOn(ws, "send").mockResolvedValue(undefined);
    // discord.js learns the guild (and its shard) from GUILD_CREATE, as after login.
    dispatch({
      op: 0,
      s: 1,
      t: "GUILD_CREATE",
      d: {
        id: GUILD,
        name: "g",
        unavailable: false,
        channels: [],
        members: [],
        roles: [],
        emojis: [],
        voice_states: [],
        presences: [],
        stickers: [],
        features: [],
      },
    });
    expect(discord.guilds.cache.get(GUILD)?.shard.id).toBe(0);

    const { env, client } = await connectorEnv(discordJsSend(discord));
    const detach = attachDiscordJs(client, discord);
    const player = await client.getPlayer(GUILD);
    await player.connect(CHANNEL, { selfDeaf: true });
    expect(sendSpy).toHaveBeenCalledWith(0, JOIN);

    dispatch(voiceStateDispatch(2));
    dispatch(voiceServerDispatch(3));
    await expectVoiceReachedNode(env, client);

    // Detached: discord.js's dispatches no longer reach the client.
    detach();
    const handled = vi.spyOn(client, "handleRaw");
    dispatch({ ...voiceStateDispatch(4), d: { ...voiceStateDispatch(4).d, channel_id: null } });
    expect(handled).not.toHaveBeenCalled();
    expect(player.channelId).toBe(CHANNEL);
    await discord.destroy();
  });

  it("refuses an object that is not a discord.js client", () => {
    expect(() => discordJsSend({} as never)).toThrow(InvalidOptionError);
  });
});

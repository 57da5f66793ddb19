import { createBot, Intents } from "@discordeno/bot";
import { describe, expect, it, vi } from "vitest";
import { attachDiscordeno, discordenoSend, InvalidOptionError } from "../../src/index.js";
import {
  BOT_ID,
  CHANNEL,
  connectorEnv,
  expectVoiceReachedNode,
  GUILD,
  JOIN,
  voiceServerDispatch,
  voiceStateDispatch,
} from "./helpers.js";

/** A bot token of the right shape (discordeno reads the bot id from its first part); not a real token. */
const TOKEN = `${Buffer.from(BOT_ID).toString("base64")}.not.real`;

/**
 * A real discordeno bot, not started, with shard 0 created by the gateway manager's own
 * `identify()` (which returns before connecting while no identify bucket exists: `start()` makes them).
 */
async function discordenoBot() {
  const ownRaw = vi.fn();
  const bot = createBot({
    token: TOKEN,
    intents: Intents.Guilds | Intents.GuildVoiceStates,
    events: { raw: ownRaw },
    desiredProperties: {},
  });
  await bot.gateway.identify(0);
  const shard = bot.gateway.shards.get(0)!;
  /** What the shard's socket does with each message it receives. */
  const receive = (packet: object) => shard.handleMessage({ data: JSON.stringify(packet) } as MessageEvent);
  return { bot, shard, receive, ownRaw };
}

describe("discordeno connector (@discordeno/bot 21, real bot)", () => {
  it("joins through the guild's shard and feeds discordeno's raw event into the player", async () => {
    const { bot, shard, receive, ownRaw } = await discordenoBot();
    const send = vi.spyOn(shard, "send").mockResolvedValue(undefined);

    const { env, client } = await connectorEnv(discordenoSend(bot));
    const detach = attachDiscordeno(client, bot);
    const player = await client.getPlayer(GUILD);
    await player.connect(CHANNEL, { selfDeaf: true });
    expect(send).toHaveBeenCalledWith(JOIN);

    await receive(voiceStateDispatch(2));
    await receive(voiceServerDispatch(3));
    await expectVoiceReachedNode(env, client);
    // The bot's own raw handler still ran for both packets.
    expect(ownRaw).toHaveBeenCalledTimes(2);

    detach();
    expect(bot.events.raw).toBe(ownRaw);
  });

  it("refuses an object that is not a discordeno bot", () => {
    expect(() => discordenoSend({} as never)).toThrow(InvalidOptionError);
    expect(() => attachDiscordeno({ handleRaw: async () => {} } as never, {} as never)).toThrow(
      InvalidOptionError,
    );
  });
});

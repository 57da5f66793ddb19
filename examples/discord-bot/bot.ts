/**
 * A complete discord.js v14 music bot on Sonora.
 *
 *   DISCORD_TOKEN=… LAVALINK_HOST=… LAVALINK_PORT=2333 LAVALINK_PASSWORD=… npx tsx examples/discord-bot/bot.ts
 *
 * Without DISCORD_TOKEN it runs offline: Sonora's simulator plays the node, a fake gateway plays
 * Discord, and a scripted user issues a few commands, so you can watch it work right away.
 */
import { pathToFileURL } from "node:url";
import { handleCommand } from "./commands.js";
import { runDiscordBot } from "./discord.js";
import { OFFLINE, startOffline } from "./offline.js";

/** The scripted user's commands in the offline mode. */
export const OFFLINE_SCRIPT: readonly [name: string, args: string][] = [
  ["play", "synthwave"],
  ["play", "lofi beats"],
  ["queue", ""],
  ["filters", "nightcore"],
  ["nowplaying", ""],
  ["skip", ""],
  ["autoplay", "on"],
  ["skip", ""],
  ["nowplaying", ""],
  ["pause", ""],
  ["resume", ""],
  ["leave", ""],
];

async function runOffline(): Promise<void> {
  const world = await startOffline({ timeScale: 10 });
  console.log("No DISCORD_TOKEN: running offline against Sonora's simulator (10× speed).\n");
  try {
    const ctx = { client: world.client, guildId: OFFLINE.guildId, memberChannelId: OFFLINE.voiceChannelId };
    world.client.on("trackStart", (_player, track) =>
      console.log(`  ♪ trackStart: ${track.title} by ${track.author}`),
    );
    for (const [name, args] of OFFLINE_SCRIPT) {
      console.log(`> /${name}${args ? ` ${args}` : ""}`);
      console.log(indent(await handleCommand(ctx, name, args)));
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // 10 s of music at 10×
    }
  } finally {
    await world.close();
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const token = process.env.DISCORD_TOKEN;
  const run = token
    ? runDiscordBot(
        token,
        {
          host: process.env.LAVALINK_HOST ?? "127.0.0.1",
          port: Number(process.env.LAVALINK_PORT ?? 2333),
          password: process.env.LAVALINK_PASSWORD ?? "youshallnotpass",
        },
        process.env.DISCORD_GUILD_ID,
      )
    : runOffline();
  run.catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

import { Client, Events, GatewayIntentBits, type GuildMember } from "discord.js";
import { COMMANDS, handleCommand } from "./commands.js";
import { attachDiscordJs, discordJsSend, type NodeOptions, SonoraClient } from "./sonora.js";

/**
 * Logs in to Discord and serves the slash commands. Sonora needs the bot's user id, so it starts
 * once discord.js is ready. Commands are registered for one guild (`DISCORD_GUILD_ID`, instant)
 * or globally (may take a while to show up).
 */
export async function runDiscordBot(token: string, node: NodeOptions, guildId?: string): Promise<void> {
  const discord = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates] });
  let sonora: SonoraClient | null = null;

  discord.once(Events.ClientReady, async (ready) => {
    sonora = new SonoraClient([node], { userId: ready.user.id, send: discordJsSend(discord) });
    attachDiscordJs(sonora, discord);
    sonora.on("nodeReady", (n, resumed) =>
      console.log(`Lavalink ${n.name} ready${resumed ? " (resumed)" : ""}`),
    );
    await sonora.start();
    if (guildId) await ready.application.commands.set(COMMANDS, guildId);
    else await ready.application.commands.set(COMMANDS);
    console.log(`Logged in as ${ready.user.tag}; commands: ${COMMANDS.map((c) => `/${c.name}`).join(" ")}`);
  });

  discord.on(Events.InteractionCreate, async (interaction) => {
    if (!interaction.isChatInputCommand() || !interaction.inCachedGuild() || sonora === null) return;
    const member = interaction.member as GuildMember;
    const args = interaction.options.data.map((o) => String(o.value ?? "")).join(" ");
    await interaction.deferReply();
    try {
      const reply = await handleCommand(
        { client: sonora, guildId: interaction.guildId, memberChannelId: member.voice.channelId },
        interaction.commandName,
        args,
      );
      await interaction.editReply(reply);
    } catch (error) {
      console.error(error);
      await interaction.editReply(
        `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });

  const shutdown = async (): Promise<void> => {
    await sonora?.close();
    await discord.destroy();
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  await discord.login(token);
}

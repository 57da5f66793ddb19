import type { Player, SonoraClient, Track } from "./sonora.js";

/** What a command handler needs to know about where it was issued. Plain data: no discord.js objects. */
export interface CommandContext {
  client: SonoraClient;
  guildId: string;
  /** Voice channel of the member who issued the command, or null when they are not in one. */
  memberChannelId: string | null;
}

/** The bot's commands, as registered with Discord (slash command JSON; no builders needed). */
export const COMMANDS = [
  {
    name: "play",
    description: "Play a song or add it to the queue",
    options: [stringOption("query", "Search terms or a URL", true)],
  },
  { name: "skip", description: "Skip to the next track" },
  { name: "queue", description: "Show the queue" },
  { name: "pause", description: "Pause playback" },
  { name: "resume", description: "Resume playback" },
  {
    name: "filters",
    description: "Apply an audio filter preset",
    options: [stringOption("preset", "nightcore, vaporwave, bassboost, 8d, karaoke, soft or off", true)],
  },
  {
    name: "autoplay",
    description: "Keep playing similar tracks when the queue runs out",
    options: [stringOption("mode", "on or off", true)],
  },
  { name: "nowplaying", description: "Show the current track" },
  { name: "leave", description: "Stop and leave the voice channel" },
];

/** Discord's application command option type 3 = STRING. */
function stringOption(name: string, description: string, required: boolean) {
  return { type: 3, name, description, required };
}

const PRESETS = ["nightcore", "vaporwave", "bassboost", "8d", "karaoke", "soft", "off"] as const;

/**
 * Runs one command and returns the reply to show. User mistakes (no voice channel, nothing
 * playing, unknown preset) become replies; only unexpected failures (the node is down) throw.
 */
export async function handleCommand(ctx: CommandContext, name: string, args = ""): Promise<string> {
  const arg = args.trim();
  const existing = ctx.client.players.get(ctx.guildId);
  switch (name) {
    case "play": {
      if (arg === "") return "Usage: /play <search terms or URL>";
      if (ctx.memberChannelId === null) return "Join a voice channel first.";
      const player = await ctx.client.getPlayer(ctx.guildId);
      if (player.channelId !== ctx.memberChannelId)
        await player.connect(ctx.memberChannelId, { selfDeaf: true });
      const result = await ctx.client.search(arg);
      if (result.loadType === "error")
        return `Could not load that: ${result.data.message ?? "unknown error"}`;
      // A playlist is queued whole; a search or a single link queues its first track.
      const tracks = result.loadType === "playlist" ? result.tracks : result.tracks.slice(0, 1);
      const first = tracks[0];
      if (first === undefined) return `No results for "${arg}".`;
      player.queue.add(tracks);
      if (player.currentTrack === null) {
        const playing = await player.play();
        return `Now playing: ${describe(playing ?? first)}`;
      }
      return tracks.length > 1
        ? `Queued ${tracks.length} tracks from ${result.loadType === "playlist" ? result.data.info.name : "the results"}.`
        : `Queued: ${describe(first)} (position ${player.queue.size})`;
    }
    case "skip": {
      if (existing?.currentTrack == null) return "Nothing is playing.";
      const next = await existing.skip();
      return next === null ? "Skipped. The queue is empty." : `Skipped. Now playing: ${describe(next)}`;
    }
    case "queue": {
      const current = existing?.currentTrack ?? null;
      if (existing === undefined || current === null) return "The queue is empty.";
      const upcoming = existing.queue.upcoming;
      const lines = [`Now playing: ${describe(current)}`];
      lines.push(...upcoming.slice(0, 10).map((t, i) => `${i + 1}. ${describe(t)}`));
      if (upcoming.length > 10) lines.push(`… and ${upcoming.length - 10} more`);
      if (upcoming.length === 0)
        lines.push(existing.autoplay.enabled ? "Up next: autoplay" : "Nothing queued.");
      else lines.push(`${upcoming.length} queued, ${time(existing.queue.duration)} in total`);
      return lines.join("\n");
    }
    case "pause":
    case "resume": {
      if (existing?.currentTrack == null) return "Nothing is playing.";
      if (name === "pause") await existing.pause();
      else await existing.resume();
      return name === "pause" ? "Paused." : "Resumed.";
    }
    case "filters": {
      const preset = arg.toLowerCase();
      if (!isPreset(preset)) return `Unknown preset "${arg}". Try: ${PRESETS.join(", ")}.`;
      if (existing === undefined) return "Nothing is playing.";
      applyPreset(existing, preset);
      await existing.setFilters();
      return preset === "off" ? "Filters off." : `Filter: ${preset}.`;
    }
    case "autoplay": {
      const mode = arg.toLowerCase();
      if (mode !== "on" && mode !== "off") return "Usage: /autoplay on|off";
      const player = existing ?? (await ctx.client.getPlayer(ctx.guildId));
      player.autoplay.configure({ enabled: mode === "on" });
      return mode === "on" ? "Autoplay on: similar tracks follow when the queue runs out." : "Autoplay off.";
    }
    case "nowplaying": {
      const current = existing?.currentTrack ?? null;
      if (existing === undefined || current === null) return "Nothing is playing.";
      const length = current.isStream ? "LIVE" : time(current.length);
      const state = existing.paused ? "⏸" : "▶";
      return `${state} ${describe(current)} — ${time(existing.position)} / ${length}`;
    }
    case "leave": {
      if (existing === undefined) return "I'm not in a voice channel.";
      await existing.destroy();
      return "Left the voice channel.";
    }
    default:
      return `Unknown command "${name}".`;
  }
}

function isPreset(value: string): value is (typeof PRESETS)[number] {
  return (PRESETS as readonly string[]).includes(value);
}

function applyPreset(player: Player, preset: (typeof PRESETS)[number]): void {
  const f = player.filters.reset();
  if (preset === "nightcore") f.nightcore();
  else if (preset === "vaporwave") f.vaporwave();
  else if (preset === "bassboost") f.bassBoost("medium");
  else if (preset === "8d") f.eightD();
  else if (preset === "karaoke") f.karaoke();
  else if (preset === "soft") f.soft();
}

function describe(track: Track): string {
  return `**${track.title}** by ${track.author} (${track.isStream ? "LIVE" : time(track.length)})`;
}

/** m:ss (h:mm:ss from one hour on). */
function time(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

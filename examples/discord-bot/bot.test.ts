import { beforeEach, describe, expect, it } from "vitest";
// In your bot's tests: import { useSonora } from "sonora/testing/vitest";
import { useSonora } from "../../src/testing/vitest.js";
import { type CommandContext, handleCommand } from "./commands.js";
import { OFFLINE } from "./offline.js";

// The kit's fixture: a fresh simulator, mock Discord gateway and client for every test, disposed after it.
const env = useSonora({ seed: 5, userId: OFFLINE.botId });
let ctx: CommandContext;

/** What the node (the simulator) holds for the guild: the truth the bot's replies must match. */
const onNode = () => env().simulator.getPlayer(undefined, OFFLINE.guildId);
const run = (name: string, args = "") => handleCommand(ctx, name, args);

beforeEach(() => {
  ctx = { client: env().client, guildId: OFFLINE.guildId, memberChannelId: OFFLINE.voiceChannelId };
});

const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the example bot's commands, against the simulator", () => {
  it("play joins the member's voice channel and plays; a second play queues; queue lists both", async () => {
    const first = await run("play", "synthwave");
    expect(first).toMatch(/^Now playing: \*\*.+\*\* by .+ \(\d+:\d\d\)$/);
    const player = env().client.players.get(OFFLINE.guildId)!;
    expect(onNode()?.track?.info.identifier).toBe(player.currentTrack?.identifier);
    await env().settle();
    expect(onNode()?.voice.channelId).toBe(OFFLINE.voiceChannelId);

    const second = await run("play", "lofi beats");
    expect(second).toMatch(/^Queued: .+ \(position 1\)$/);
    const queue = await run("queue");
    const current = player.currentTrack!;
    const lines = queue.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^Now playing: \\*\\*${literal(current.title)}\\*\\* by `));
    expect(lines[1]).toMatch(/^1\. \*\*.+\*\* by .+ \(\d+:\d\d\)$/);
    expect(lines[2]).toMatch(/^1 queued, \d+:\d\d in total$/);
    expect(queue).toContain(player.queue.at(0)!.title);
  });

  it("skip plays the next queued track; nowplaying, pause and resume follow the node", async () => {
    await run("play", "synthwave");
    await run("play", "lofi beats");
    const next = env().client.players.get(OFFLINE.guildId)!.queue.at(0)!;
    expect(await run("skip")).toMatch(
      new RegExp(`^Skipped\\. Now playing: \\*\\*${literal(next.title)}\\*\\*`),
    );
    expect(onNode()?.track?.info.identifier).toBe(next.identifier);

    await env().advance(30_000);
    expect(await run("nowplaying")).toMatch(/^▶ .+ — 0:3\d \/ \d+:\d\d$/);
    expect(await run("pause")).toBe("Paused.");
    expect(onNode()?.paused).toBe(true);
    expect(await run("nowplaying")).toMatch(/^⏸ /);
    expect(await run("resume")).toBe("Resumed.");
    expect(onNode()?.paused).toBe(false);
  });

  it("filters apply a preset on the node, and refuse an unknown one", async () => {
    await run("play", "synthwave");
    expect(await run("filters", "nightcore")).toBe("Filter: nightcore.");
    expect(onNode()?.filters.timescale?.speed).toBeGreaterThan(1);
    expect(await run("filters", "loud")).toMatch(/^Unknown preset "loud"\. Try: nightcore, /);
    expect(await run("filters", "off")).toBe("Filters off.");
    expect(onNode()?.filters.timescale).toBeUndefined();
  });

  it("with autoplay on, playback goes on after the queue runs out", async () => {
    const started: string[] = [];
    env().client.on("trackStart", (_p, track) => started.push(track.identifier));
    await run("play", "synthwave");
    expect(await run("autoplay", "on")).toMatch(/^Autoplay on/);
    const first = env().client.players.get(OFFLINE.guildId)!.currentTrack!;
    await env().advance(first.length + 3_000);
    expect(started.length).toBeGreaterThanOrEqual(2);
    expect(onNode()?.track).not.toBeNull();
    expect(onNode()?.track?.info.identifier).not.toBe(first.identifier);
    expect(await run("queue")).toContain("Up next: autoplay");
  });

  it("asks to join a voice channel first, and leave destroys the player on the node", async () => {
    expect(await handleCommand({ ...ctx, memberChannelId: null }, "play", "synthwave")).toBe(
      "Join a voice channel first.",
    );
    expect(await run("skip")).toBe("Nothing is playing.");
    expect(await run("nowplaying")).toBe("Nothing is playing.");
    expect(await run("dance")).toBe('Unknown command "dance".');
    await run("play", "synthwave");
    expect(onNode()).not.toBeUndefined();
    expect(await run("leave")).toBe("Left the voice channel.");
    expect(onNode()).toBeUndefined();
    expect(env().client.players.has(OFFLINE.guildId)).toBe(false);
  });
});

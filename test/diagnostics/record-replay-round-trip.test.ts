import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { LavalinkRestError, SonoraClient, type Track, VirtualClock } from "../../src/index.js";
import {
  catalogTrack,
  REPLAY_DIVERGENCE_STATUS,
  ReplaySimulator,
  TEST_GUILD_ID,
} from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { WireMonitor } from "../../src/testing/wire-monitor.js";

const dir = mkdtempSync(join(tmpdir(), "sonora-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STEP_MS = 500;

/** What a run needs around the script: virtual time that lets the wire settle after each step. */
interface Run {
  client: SonoraClient;
  advance(ms: number): Promise<void>;
}

/** Every event the user's code would see, stamped with the virtual time since the script began. */
function watch(client: SonoraClient, clock: VirtualClock): string[] {
  const origin = clock.now();
  const seen: string[] = [];
  const at = () => clock.now() - origin;
  client.on("nodeReady", (_node, resumed) => seen.push(`${at()} nodeReady resumed=${resumed}`));
  client.on("trackStart", (_p, track) => seen.push(`${at()} trackStart ${track.info.identifier}`));
  client.on("trackEnd", (_p, track, reason) =>
    seen.push(`${at()} trackEnd ${track.info.identifier} ${reason}`),
  );
  client.on("playerUpdate", (_p, state) => seen.push(`${at()} playerUpdate ${state.position}`));
  client.on("nodeDisconnect", (_node, info) => seen.push(`${at()} nodeDisconnect ${info.code}`));
  client.on("nodeReconnecting", (_node, attempt) => seen.push(`${at()} nodeReconnecting ${attempt}`));
  return seen;
}

async function loadOne(client: SonoraClient, identifier: string): Promise<Track> {
  const result = await client.load(identifier);
  const track = result.tracks[0];
  if (track === undefined) throw new Error(`no track for ${identifier}`);
  return track;
}

/** The session: connect, load, play, pause, resume, seek, then the track ends and the next plays out. */
async function session(run: Run, options: { seekTo?: number } = {}): Promise<unknown> {
  const { client } = run;
  await client.start();
  const first = await loadOne(client, catalogTrack("first", 10_000));
  const second = await loadOne(client, catalogTrack("second", 6_000));
  const player = await client.getPlayer(TEST_GUILD_ID);
  await player.play(first);
  await player.queue.add(second);
  await run.advance(3_000);
  await player.pause();
  await run.advance(2_000);
  await player.resume();
  const seek = await player.seek(options.seekTo ?? 8_000).catch((error: unknown) => error);
  await run.advance(12_000);
  return seek;
}

/** A session whose socket the node drops while a track plays; the client resumes it. */
async function droppedSession(run: Run & { drop(): void }): Promise<unknown> {
  const { client } = run;
  await client.start();
  const track = await loadOne(client, catalogTrack("through-the-drop", 8_000));
  const player = await client.getPlayer(TEST_GUILD_ID);
  await run.advance(1_000); // the session's resume config is answered before the drop
  await player.play(track);
  await run.advance(3_000);
  run.drop();
  await run.advance(8_000);
  return undefined;
}

type Script = (run: Run & { drop(): void }) => Promise<unknown>;

async function record(path: string, script: Script = session): Promise<string[]> {
  const env = await sonoraEnv({
    nodes: ["main"],
    connect: false,
    client: {
      record: { path },
      random: () => 0.5,
      reconnect: { backoff: "fixed", baseDelay: 1_000, jitter: false },
    },
    simulator: { playerUpdateInterval: 2_000 },
  });
  const seen = watch(env.client, env.clock as VirtualClock);
  await script({
    client: env.client,
    advance: (ms) => env.advance(ms, { stepMs: STEP_MS }),
    drop: () => env.simulator.dropConnection(env.client.nodes.get("main")!.sessionId!),
  });
  await env.client.close(); // flushes the recording
  return seen;
}

async function replay(
  path: string,
  options: { seekTo?: number } = {},
  script: Script = (run) => session(run, options),
) {
  const clock = new VirtualClock();
  const sim = new ReplaySimulator({ path, clock, warn: false });
  await sim.start();
  const client = new SonoraClient(
    [{ host: "127.0.0.1", port: sim.port, password: "anything", name: "replayed" }],
    {
      clock,
      record: false,
      random: () => 0.5,
      reconnect: { backoff: "fixed", baseDelay: 1_000, jitter: false },
    },
  );
  const monitor = new WireMonitor(sim.log, client);
  onTestFinished(async () => {
    monitor.dispose();
    await client.close();
    await sim.stop();
  });
  const seen = watch(client, clock);
  const advance = async (ms: number) => {
    for (let done = 0; done < ms; done += STEP_MS) {
      await clock.advance(STEP_MS);
      await monitor.settle();
    }
  };
  const seek = await script({ client, advance, drop: () => undefined });
  await monitor.settle();
  return { sim, seen, seek };
}

describe("a recorded session replays to the same events at the same virtual times", () => {
  const path = join(dir, "session.jsonl");
  // Recorded once, by whichever test runs first (each test can run alone).
  let recording: Promise<string[]> | undefined;
  const recorded = (): Promise<string[]> => {
    recording ??= record(path);
    return recording;
  };

  it("records frames and REST exchanges as JSON Lines, and replays them to a fresh client", async () => {
    const original = await recorded();
    expect(original.filter((e) => e.includes("trackEnd"))).toEqual([
      expect.stringMatching(/ trackEnd sonora:track:10000#first finished$/),
      expect.stringMatching(/ trackEnd sonora:track:6000#second finished$/),
    ]);
    expect(original.some((e) => e.includes("playerUpdate"))).toBe(true);

    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ format: "sonora-recording", version: 1 });
    const kinds = new Set(lines.slice(1).map((l) => l.kind));
    expect([...kinds].sort()).toEqual(["frame", "open", "request", "response"]);

    const { sim, seen } = await replay(path);
    expect(seen).toEqual(original);
    expect(sim.divergences).toEqual([]);
    expect(sim.unusedRequests).toBe(0);
  });

  it("answers a command the recording does not hold with 409, and sends nothing it would have caused", async () => {
    const original = await recorded();
    const { sim, seen, seek } = await replay(path, { seekTo: 4_000 });
    expect(seek).toBeInstanceOf(LavalinkRestError);
    expect((seek as LavalinkRestError).status).toBe(REPLAY_DIVERGENCE_STATUS);
    expect((seek as LavalinkRestError).body?.message).toMatch(
      /^sonora replay: no recorded request matches PATCH/,
    );
    expect(sim.divergences).toEqual([
      expect.objectContaining({ kind: "request", what: expect.stringMatching(/^PATCH \/v4\/sessions\//) }),
    ]);
    // Up to the seek (at 5 s) everything came as recorded; what followed the recorded seek (its
    // playerUpdate, the track's end, the next track) is never sent: it was anchored to that request.
    const beforeSeek = original.filter((e) => Number(e.split(" ")[0]) < 5_000);
    expect(beforeSeek.length).toBeGreaterThan(3);
    expect(seen).toEqual(beforeSeek);
    expect(sim.unusedRequests).toBeGreaterThan(0);
  });
});

describe("a recording holds no secrets", () => {
  it("leaves out the password, redacts voice tokens and pseudonymises session ids", async () => {
    const path = join(dir, "voice.jsonl");
    const env = await sonoraEnv({ nodes: ["main"], client: { record: { path } } });
    const player = await env.player();
    await player.play(await env.loadTrack(catalogTrack("secret")));
    const voice = env.nodePlayer()!.voice;
    const sessionId = env.client.nodes.get("main")!.sessionId!;
    await env.client.close();
    const text = readFileSync(path, "utf8");
    expect(voice.token.length).toBeGreaterThan(0);
    expect(text).not.toContain(voice.token);
    expect(text).not.toContain(voice.sessionId);
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain(env.node.password);
    expect(text).toContain('"token":"<redacted>"');
    expect(text).toContain("/v4/sessions/redacted00000001/players/");
  });
});

describe("a replay closes the socket where the node dropped it, and serves the resume", () => {
  it("reproduces the drop, the reconnect and the resumed session at the same virtual times", async () => {
    const path = join(dir, "dropped.jsonl");
    const recorded = await record(path, droppedSession);
    expect(recorded).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ nodeDisconnect 1006$/),
        expect.stringMatching(/ nodeReconnecting 1$/),
        expect.stringMatching(/ nodeReady resumed=true$/),
        expect.stringMatching(/ trackEnd sonora:track:8000#through-the-drop finished$/),
      ]),
    );
    const { sim, seen } = await replay(path, {}, droppedSession);
    expect(seen).toEqual(recorded);
    expect(sim.divergences).toEqual([]);
  });
});

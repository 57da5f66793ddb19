import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPLAY_FLAGS } from "../../src/cli/replay.js";
import { InvalidOptionError, SonoraClient } from "../../src/index.js";
import { catalogTrack, ReplaySimulator, SimulatorError } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";
import { spawnSonora } from "../simulator/cli-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "sonora-replay-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Records a short session (connect, one load) through SONORA_RECORD. */
async function recordThroughEnvironment(path: string): Promise<string> {
  process.env.SONORA_RECORD = path;
  try {
    const env = await sonoraEnv({ nodes: ["main"] });
    const loaded = await env.client.load(catalogTrack("over-the-wire"));
    await env.client.close();
    return loaded.tracks[0]!.encoded;
  } finally {
    delete process.env.SONORA_RECORD;
  }
}

describe("SONORA_RECORD and npx sonora replay", () => {
  it("records through the environment variable and serves the file from the CLI", async () => {
    const path = join(dir, "env.jsonl");
    const encoded = await recordThroughEnvironment(path);
    expect(readFileSync(path, "utf8")).toContain('"kind":"open"');

    const replay = spawnSonora(["replay", path, "--port", "0"]);
    try {
      const [, url] = await replay.waitFor(/replaying node "main" of .* on (http:\/\/127\.0\.0\.1:\d+)/);
      const port = Number(new URL(url!).port);
      const fresh = new SonoraClient([{ host: "127.0.0.1", port, password: "anything" }], { record: false });
      try {
        await fresh.start();
        const again = await fresh.load(catalogTrack("over-the-wire"));
        expect(again.tracks[0]?.encoded).toBe(encoded);
        const other = await fresh.load(catalogTrack("never-recorded")).catch((error: unknown) => error);
        expect(other).toMatchObject({ status: 409 });
      } finally {
        await fresh.close();
      }
      const deadline = Date.now() + 10_000;
      while (!replay.output.err.includes("divergence") && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(replay.output.err).toMatch(
        /divergence: the recording has no request matching GET \/v4\/loadtracks/,
      );
      replay.child.kill("SIGTERM");
      expect(await replay.exited).toBe(0);
      expect(replay.output.out).toContain("replay stopped");
    } finally {
      replay.kill();
    }
  });

  it("refuses bad usage, a file that is not a recording and an unknown node", async () => {
    const usage = spawnSonora(["replay"]);
    expect(await usage.exited).toBe(2);
    expect(usage.output.err).toContain("usage: sonora replay");
    const help = spawnSonora(["replay", "--help"]);
    expect(await help.exited).toBe(0);
    for (const flag of Object.keys(REPLAY_FLAGS)) expect(help.output.out).toMatch(new RegExp(`--${flag}\\b`));

    const bogus = join(dir, "bogus.jsonl");
    writeFileSync(bogus, '{"hello":1}\n');
    expect(() => new ReplaySimulator({ path: bogus })).toThrow(SimulatorError);
    expect(() => new ReplaySimulator({ path: join(dir, "missing.jsonl") })).toThrow(
      expect.objectContaining({ code: "SIM_INVALID_RECORDING" }),
    );
    const path = join(dir, "one-node.jsonl");
    const header = {
      format: "sonora-recording",
      version: 1,
      client: "sonora/0",
      startedAt: "",
      clockStart: 0,
    };
    writeFileSync(
      path,
      `${JSON.stringify(header)}\n${JSON.stringify({ t: 0, node: "main", kind: "open", resume: false })}\n`,
    );
    expect(ReplaySimulator.nodesOf(path)).toEqual(["main"]);
    expect(() => new ReplaySimulator({ path, node: "elsewhere" })).toThrow(/has no node "elsewhere"/);
    const cli = spawnSonora(["replay", bogus, "--port", "0"]);
    expect(await cli.exited).toBe(1);
    expect(cli.output.err).toContain("is not a Sonora recording");
  });

  it("checks the record option", () => {
    const node = [{ host: "127.0.0.1", port: 2333, password: "x" }];
    expect(() => new SonoraClient(node, { record: { path: "" } })).toThrow(InvalidOptionError);
    expect(() => new SonoraClient(node, { record: "file.jsonl" as never })).toThrow(InvalidOptionError);
    expect(
      () => new SonoraClient(node, { record: { path: join(dir, "x.jsonl"), maxBufferedBytes: 0 } }),
    ).toThrow(InvalidOptionError);
  });
});

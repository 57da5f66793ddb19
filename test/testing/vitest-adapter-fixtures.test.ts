import { describe, expect, it } from "vitest";
import { TEST_GUILD_ID, type TestEnvironment } from "../../src/testing/index.js";
import { createSonoraTest, sonoraEnv, sonoraTest, useSonora } from "../../src/testing/vitest.js";

const seen: TestEnvironment[] = [];

describe("sonoraTest: a fresh environment per test as a vitest fixture", () => {
  sonoraTest("gives a connected environment and plays on it", async ({ sonora }) => {
    seen.push(sonora);
    const player = await sonora.player();
    const track = (await sonora.client.load("sonora:track#fixture")).tracks[0]!;
    await player.play(track);
    expect(sonora.simulator.getPlayer(undefined, TEST_GUILD_ID)?.track?.info.identifier).toBe(
      track.identifier,
    );
  });

  sonoraTest("the next test gets another one, and the previous one was disposed", ({ sonora }) => {
    expect(seen[0]).toBeDefined();
    expect(sonora).not.toBe(seen[0]);
    expect(seen[0]?.disposed).toBe(true);
    expect(seen[0]?.simulator.running).toBe(false);
    expect(sonora.simulator.sessions).toHaveLength(1);
  });

  const seeded = createSonoraTest({ seed: 99, userId: "222222222222222222" });
  seeded("createSonoraTest passes its options through", ({ sonora }) => {
    expect(sonora.client.userId).toBe("222222222222222222");
  });

  sonoraTest.override({ sonoraOptions: { userId: "333333333333333333" } })(
    "override() changes the options",
    ({ sonora }) => {
      expect(sonora.client.userId).toBe("333333333333333333");
    },
  );
});

describe("useSonora (scope: each) registers beforeEach/afterEach", () => {
  const sonora = useSonora();
  const envs: TestEnvironment[] = [];
  it("first", () => {
    envs.push(sonora());
    expect(sonora().client.nodes.get("simulator")?.state).toBe("ready");
  });
  it("second gets a new one; the first is disposed", () => {
    envs.push(sonora());
    expect(envs[0]).not.toBe(envs[1]);
    expect(envs[0]?.disposed).toBe(true);
  });
});

describe("useSonora (scope: all) shares one environment in the block", () => {
  const sonora = useSonora({ scope: "all", seed: 5 });
  let first: TestEnvironment | undefined;
  it("first", () => {
    first = sonora();
  });
  it("second sees the same one", () => {
    expect(sonora()).toBe(first);
    expect(first?.disposed).toBe(false);
  });
  it("rejects an unknown scope", () => {
    expect(() => useSonora({ scope: "suite" as "all" })).toThrow(/scope must be/);
  });
});

describe("sonoraEnv() inside a test disposes on onTestFinished", () => {
  let made: TestEnvironment | undefined;
  it("creates", async () => {
    made = await sonoraEnv({ seed: 8 });
    expect(made.simulator.running).toBe(true);
  });
  it("was disposed after the previous test", () => {
    expect(made?.disposed).toBe(true);
    expect(made?.simulator.running).toBe(false);
  });
});

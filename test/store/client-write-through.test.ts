import { describe, expect, it } from "vitest";
import {
  MemoryStore,
  type SonoraStore,
  type StoreChange,
  type StoreContents,
  type StoreScope,
  StoreWriteError,
} from "../../src/index.js";
import { TEST_GUILD_ID, waitUntil } from "../../src/testing/index.js";
import { sonoraEnv } from "../../src/testing/vitest.js";

/** A MemoryStore that counts writes and can be told to fail them (a full disk, Redis down). */
class FlakyStore implements SonoraStore {
  readonly kind = "flaky";
  readonly inner = new MemoryStore();
  writes = 0;
  failing = false;
  open(scope: StoreScope): Promise<StoreContents> {
    return this.inner.open(scope);
  }
  async write(changes: readonly StoreChange[]): Promise<void> {
    this.writes++;
    if (this.failing) throw new Error("disk full");
    await this.inner.write(changes);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  /** What a restarted process would read. */
  async contents(): Promise<StoreContents> {
    const copy = new MemoryStore();
    await copy.open({ clientId: "default" });
    return this.inner.open({ clientId: "default" });
  }
}

describe("the client writes through its store", () => {
  it("group-commits concurrent commands: ten queue adds in one burst share a write", async () => {
    const store = new FlakyStore();
    const env = await sonoraEnv({ client: { store } });
    const player = await env.player();
    await player.saved();
    const before = store.writes;
    const tracks = env.tracks(10);
    const sizes = await Promise.all(tracks.map((t) => player.queue.add(t)));
    expect(sizes).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(store.writes - before).toBe(1);
    const [record] = (await store.contents()).players;
    expect(record?.queue.upcoming.map((t) => t.encoded)).toEqual(tracks.map((t) => t.encoded));
  });

  it("rejects a command whose change could not be made durable, and writes it with the next one", async () => {
    const store = new FlakyStore();
    const env = await sonoraEnv({ client: { store } });
    const player = await env.player();
    const [track] = env.tracks(1);
    await player.play(track!);
    const errors: unknown[] = [];
    env.client.on("error", (error) => errors.push(error));
    store.failing = true;
    const failed = await player.setVolume(30).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StoreWriteError);
    expect((failed as StoreWriteError).store).toBe("flaky");
    expect(errors.some((e) => e instanceof StoreWriteError)).toBe(true);
    // The node took the volume; the player keeps it; the store catches up with the next write.
    expect(player.volume).toBe(30);
    store.failing = false;
    await player.queue.setLoop("track");
    await player.saved();
    const [record] = (await store.contents()).players;
    expect(record).toMatchObject({ guildId: TEST_GUILD_ID, volume: 30, queue: { loop: "track" } });
    expect(record?.track?.encoded).toBe(track!.encoded);
  });

  it("close({ destroyPlayers: true }) deletes the records; close() keeps them", async () => {
    const store = new FlakyStore();
    const env = await sonoraEnv({ client: { store } });
    const player = await env.player();
    await player.play(env.tracks(1)[0]!);
    const second = env.createClient({ store });
    const session = [...env.client.nodes][0]!.sessionId!;
    await env.client.close();
    // As for a real restart: the node has seen the old socket close by the time the new process connects.
    await waitUntil(() => env.simulator.getSession(session)?.connected === false, "the node sees the close");
    expect((await store.contents()).players).toHaveLength(1);
    expect((await store.contents()).nodes).toHaveLength(1);
    await env.drive(second.start());
    expect(second.players.get(TEST_GUILD_ID)?.currentTrack).not.toBeNull();
    await second.close({ destroyPlayers: true });
    expect(await store.contents()).toEqual({ players: [], nodes: [] });
    expect([...second.nodes][0]?.sessionId).toBe(session);
    expect(env.simulator.players).toHaveLength(0);
  });
});

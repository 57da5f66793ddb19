import type { VirtualClock } from "../../base/clock/index.js";
import { SeededRandom } from "../../base/random.js";
import { type Player, SonoraClient } from "../../client/index.js";
import { ProtocolSimulator, type ProtocolSimulatorOptions } from "../../simulator/index.js";
import { MockGateway } from "../../testing/mock-gateway.js";
import { WireMonitor } from "../../testing/wire-monitor.js";

/** The demo's bot user, guild and voice channel (made-up snowflakes). */
export const DEMO_BOT_ID = "1100000000000000001";
export const DEMO_GUILD_ID = "1100000000000000002";
export const DEMO_CHANNEL_ID = "1100000000000000003";
/** Name of the simulated node as the client knows it. */
export const DEMO_NODE = "sim-1";
const PASSWORD = "youshallnotpass";

type VirtualSimulator = ProtocolSimulator<ProtocolSimulatorOptions & { clock: "virtual" }>;

/**
 * The demo's little universe: a protocol simulator and a SonoraClient sharing one virtual clock,
 * and the testing kit's {@link MockGateway} answering voice joins. Time moves only through {@link DemoWorld.step};
 * after each step the world waits (with the kit's {@link WireMonitor}) until the client has read
 * every frame the node wrote, every REST request was answered and no voice dispatch or reconnect
 * handshake is under way, so the same seed tells the same story at any speed.
 */
export class DemoWorld {
  readonly clock: VirtualClock;
  readonly gateway: MockGateway;
  readonly client: SonoraClient;
  private readonly startedAt: number;
  private readonly monitor: WireMonitor;
  private closed = false;

  private constructor(
    readonly sim: VirtualSimulator,
    seed: number | string,
  ) {
    this.clock = sim.clock;
    this.startedAt = this.clock.now();
    this.gateway = new MockGateway({
      userId: DEMO_BOT_ID,
      clock: this.clock,
      endpoint: "demo.discord.media:443",
    });
    // Reconnects have no jitter here, but the client's random source is seeded all the same.
    const random = new SeededRandom(`${String(seed)}:client`);
    this.client = new SonoraClient(
      [{ host: "127.0.0.1", port: sim.port, password: PASSWORD, name: DEMO_NODE }],
      {
        clock: this.clock,
        userId: DEMO_BOT_ID,
        send: this.gateway.send,
        random: () => random.next(),
        reconnect: { maxRetries: 5, backoff: "fixed", baseDelay: 2_000, jitter: false },
        resume: { timeout: 60 },
      },
    );
    this.gateway.attach(this.client);
    this.monitor = new WireMonitor(sim.log, this.client, {
      // A reconnect in progress: the handshake is on the wire but nothing of it is counted yet.
      busy: () => this.gateway.pending > 0 || this.client.nodes.get(DEMO_NODE)?.state === "connecting",
    });
  }

  /** Starts a simulator on a free loopback port and a client connected to it. */
  static async create(seed: number | string): Promise<DemoWorld> {
    const sim = new ProtocolSimulator({
      port: 0,
      password: PASSWORD,
      seed,
      clock: "virtual" as const,
    });
    await sim.start();
    const world = new DemoWorld(sim, seed);
    try {
      const started = world.client.start();
      await world.settle();
      await started;
    } catch (error) {
      await world.close();
      throw error;
    }
    return world;
  }

  /** Simulated milliseconds since the world was created. */
  get elapsed(): number {
    return this.clock.now() - this.startedAt;
  }

  /** The simulator's session id of the client's node (null while not connected). */
  get sessionId(): string | null {
    return this.client.nodes.get(DEMO_NODE)?.sessionId ?? null;
  }

  /** The player of the demo guild (created on first use). */
  player(): Promise<Player> {
    return this.client.getPlayer(DEMO_GUILD_ID);
  }

  /** Moves simulated time forward by `ms`, then lets the client catch up with what happened. */
  async step(ms: number): Promise<void> {
    await this.clock.advance(ms);
    await this.settle();
  }

  /** Waits (without moving the clock) until the client has acted on everything sent to it. */
  settle(): Promise<void> {
    return this.monitor.settle();
  }

  /** Closes the client, then the simulator; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.gateway.close();
    this.monitor.dispose();
    await this.client.close();
    await this.sim.stop();
  }
}

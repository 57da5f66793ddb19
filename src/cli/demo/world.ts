import { type Player, SonoraClient } from "../../client/index.js";
import type { VirtualClock } from "../../clock/index.js";
import { SeededRandom } from "../../mock/random.js";
import { ProtocolSimulator, type ProtocolSimulatorOptions } from "../../simulator/index.js";
import { DemoGateway } from "./gateway.js";

/** The demo's bot user, guild and voice channel (made-up snowflakes). */
export const DEMO_BOT_ID = "1100000000000000001";
export const DEMO_GUILD_ID = "1100000000000000002";
export const DEMO_CHANNEL_ID = "1100000000000000003";
/** Name of the simulated node as the client knows it. */
export const DEMO_NODE = "sim-1";
const PASSWORD = "youshallnotpass";

/** One turn of the event loop with a poll phase, so loopback socket data written so far is read. */
const ioTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
/** Consecutive quiet turns after which the wire counts as settled. */
const QUIET_TURNS = 3;
/** Turns after which settling gives up (never an error: the next step simply goes on). */
const MAX_TURNS = 400;

type VirtualSimulator = ProtocolSimulator<ProtocolSimulatorOptions & { clock: "virtual" }>;

/**
 * The demo's little universe: a protocol simulator and a SonoraClient sharing one virtual clock,
 * and a fake Discord gateway answering voice joins. Time moves only through {@link DemoWorld.step};
 * after each step the world waits until the client has read every frame the node wrote and every
 * REST request was answered, so the same seed tells the same story at any speed.
 */
export class DemoWorld {
  readonly clock: VirtualClock;
  readonly gateway = new DemoGateway(DEMO_BOT_ID);
  readonly client: SonoraClient;
  private readonly startedAt: number;
  private framesSent = 0;
  private framesReceived = 0;
  private restIn = 0;
  private restOut = 0;
  private scanned = 0;

  private closed = false;

  private constructor(
    readonly sim: VirtualSimulator,
    seed: number | string,
  ) {
    this.clock = sim.clock;
    this.startedAt = this.clock.now();
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
    this.client.on("raw", () => {
      this.framesReceived++;
    });
    // Frames written to a socket that died are never read: forget them once the client noticed.
    this.client.on("nodeDisconnect", () => {
      this.scan();
      this.framesReceived = this.framesSent;
    });
  }

  /** Starts a simulator on a free loopback port and a client connected to it. */
  static async create(seed: number | string): Promise<DemoWorld> {
    const sim = new ProtocolSimulator({
      port: 0,
      password: PASSWORD,
      seed,
      clock: "virtual" as const,
      // Large enough never to wrap during a demo: settling counts what crossed the wire from it.
      log: { capacity: 1_000_000 },
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
  async settle(): Promise<void> {
    let quiet = 0;
    for (let turn = 0; turn < MAX_TURNS && quiet < QUIET_TURNS; turn++) {
      await ioTurn();
      quiet = this.busy() ? 0 : quiet + 1;
    }
  }

  /** Closes the client, then the simulator; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
    await this.sim.stop();
  }

  private busy(): boolean {
    this.scan();
    if (this.gateway.busy || this.restIn > this.restOut || this.framesReceived < this.framesSent) return true;
    // A reconnect in progress: the handshake is on the wire but not in the log yet.
    return this.client.nodes.get(DEMO_NODE)?.state === "connecting";
  }

  /** Counts the log entries added since the last scan. */
  private scan(): void {
    const log = this.sim.log;
    if (log.size === this.scanned) return;
    const entries = log.entries();
    for (let i = this.scanned; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.kind === "rest") {
        if (e.direction === "in") this.restIn++;
        else this.restOut++;
      } else if (e.direction === "out" && e.note === undefined && e.sessionId !== undefined) {
        this.framesSent++;
      }
    }
    this.scanned = entries.length;
  }
}

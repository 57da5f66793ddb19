import { clientResource, type RedisKeys, shardResource } from "./keys.js";
import { ACQUIRE, RELEASE, RENEW } from "./scripts.js";

/** Sends one raw command to Redis (the store adds the timeout and the error mapping). */
export type SendCommand = (args: readonly string[]) => Promise<unknown>;

/** One lease this process took: what it guards and the fencing token it was given. */
export interface Lease {
  readonly resource: string;
  /** The shard it guards, or null for a client id's lease. */
  readonly shard: number | null;
  readonly leaseKey: string;
  readonly fenceKey: string;
  readonly token: string;
  /** What the lease key holds while this process owns it: `<token>|<owner>`. */
  readonly value: string;
  /** Set once Redis said another process took it: this process never writes under it again. */
  lost: boolean;
}

/** A lease someone else holds, as the last attempt found it. */
interface Busy {
  resource: string;
  holder: string;
  pttl: number;
}

/** Longest sleep between two attempts to take a busy lease: a released lease is noticed this fast. */
const MAX_POLL_MS = 200;

/**
 * The leases of one opened store: taken at `open`, renewed in the background at a third of the lease
 * time, released at `close`. The fencing check itself runs inside every write (see scripts.ts); this
 * class only keeps the tokens and notices losses early.
 */
export class Leases {
  private readonly held = new Map<string, Lease>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private renewing = false;

  constructor(
    private readonly send: SendCommand,
    private readonly keys: RedisKeys,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly onLost: (lease: Lease) => void,
  ) {}

  /** The lease on `resource`, if this process took it. */
  get(resource: string): Lease | undefined {
    return this.held.get(resource);
  }

  /**
   * Takes every resource, waiting while another owner holds one (its lease may be a dead process's
   * that is about to expire) up to `waitMs`. Returns the first resource still busy at the deadline,
   * or null once all are held.
   */
  async acquire(
    resources: readonly { resource: string; shard: number | null }[],
    waitMs: number,
  ): Promise<Busy | null> {
    const deadline = Date.now() + waitMs;
    let pending = [...resources];
    for (;;) {
      const busy: Busy[] = [];
      const still: typeof pending = [];
      for (const wanted of pending) {
        const found = await this.tryAcquire(wanted.resource, wanted.shard);
        if (found !== null) {
          busy.push(found);
          still.push(wanted);
        }
      }
      const first = busy[0];
      if (first === undefined) return null;
      const left = deadline - Date.now();
      if (left <= 0) return first;
      const soonest = Math.min(...busy.map((b) => (b.pttl > 0 ? b.pttl : MAX_POLL_MS)));
      await sleep(Math.max(1, Math.min(soonest + 5, left, MAX_POLL_MS)));
      pending = still;
    }
  }

  private async tryAcquire(resource: string, shard: number | null): Promise<Busy | null> {
    const leaseKey = this.keys.lease(resource);
    const fenceKey = this.keys.fence(resource);
    const reply = await this.send([
      "EVAL",
      ACQUIRE,
      "2",
      leaseKey,
      fenceKey,
      this.owner,
      String(this.leaseMs),
    ]);
    if (!Array.isArray(reply)) throw new Error(`unexpected answer to the lease script: ${String(reply)}`);
    if (Number(reply[0]) === 1) {
      const token = String(reply[1]);
      this.held.set(resource, {
        resource,
        shard,
        leaseKey,
        fenceKey,
        token,
        value: `${token}|${this.owner}`,
        lost: false,
      });
      return null;
    }
    const holder = String(reply[1]).replace(/^\d+\|/, "");
    return { resource, holder, pttl: Number(reply[2]) };
  }

  /** Renews every held lease at a third of the lease time until `stop`. */
  startRenewing(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
    // Renewal never keeps a process alive on its own.
    this.timer.unref();
  }

  /** One renewal round. A failure to reach Redis is not a loss: the next round (or write) retries. */
  async renew(): Promise<void> {
    if (this.renewing) return;
    const leases = [...this.held.values()].filter((lease) => !lease.lost);
    if (leases.length === 0) return;
    this.renewing = true;
    try {
      const keys = leases.flatMap((lease) => [lease.leaseKey, lease.fenceKey]);
      const args = leases.flatMap((lease) => [lease.token, lease.value]);
      const reply = await this.send([
        "EVAL",
        RENEW,
        String(keys.length),
        ...keys,
        String(this.leaseMs),
        ...args,
      ]);
      if (!Array.isArray(reply)) return;
      leases.forEach((lease, i) => {
        if (Number(reply[i]) === 0) this.markLost(lease);
      });
    } catch {
      // Redis unreachable: the lease may expire meanwhile, and the fence decides at the next write.
    } finally {
      this.renewing = false;
    }
  }

  /** Records that another process owns `lease` now, once. */
  markLost(lease: Lease): void {
    if (lease.lost) return;
    lease.lost = true;
    this.onLost(lease);
  }

  /** Stops renewing and drops every lease still held (best effort: an unreachable Redis expires them). */
  async release(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    const leases = [...this.held.values()].filter((lease) => !lease.lost);
    this.held.clear();
    await Promise.all(
      leases.map((lease) =>
        this.send(["EVAL", RELEASE, "1", lease.leaseKey, lease.value]).catch(() => undefined),
      ),
    );
  }
}

/** The lease resources a scope needs: its client id, and each of its shards. */
export function resourcesOf(
  clientId: string,
  shards: readonly number[] | undefined,
): { resource: string; shard: number | null }[] {
  const resources: { resource: string; shard: number | null }[] = [
    { resource: clientResource(clientId), shard: null },
  ];
  for (const shard of shards ?? []) resources.push({ resource: shardResource(shard), shard });
  return resources;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

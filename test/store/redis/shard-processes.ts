import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** What a shard process reports about its players. */
export interface BotPlayer {
  guild: string;
  current: string | null;
  upcoming: string[];
}

export interface BotMessage {
  type: string;
  id?: number;
  sessionId?: string | null;
  players?: BotPlayer[];
  code?: string;
  message?: string;
}

/** A shard process (test/store/redis/shard-bot.ts) and its line protocol. */
export class ShardProcess {
  readonly messages: BotMessage[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiters: { match: (m: BotMessage) => boolean; resolve: (m: BotMessage) => void }[] = [];
  private nextId = 1;
  stderr = "";
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--import", "tsx", "test/store/redis/shard-bot.ts"], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      let message: BotMessage;
      try {
        message = JSON.parse(line) as BotMessage;
      } catch {
        return;
      }
      this.messages.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  }

  /** The first message (already received or to come) that `match` accepts. */
  waitFor(match: (m: BotMessage) => boolean, what: string, timeoutMs = 40_000): Promise<BotMessage> {
    const found = this.messages.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2_000)}`)),
        timeoutMs,
      );
      this.exited.then((code) => {
        clearTimeout(timer);
        reject(
          new Error(
            `the shard process exited (${code}) before ${what}; stderr: ${this.stderr.slice(-2_000)}`,
          ),
        );
      });
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  started(): Promise<BotMessage> {
    return this.waitFor((m) => m.type === "started" || m.type === "startFailed", "the start");
  }

  /** Sends a command; the promise resolves with its ack (or rejects with its failure). */
  command(command: { op: string; guild: string; tracks?: string[]; track?: string }): {
    id: number;
    done: Promise<BotMessage>;
  } {
    const id = this.nextId++;
    this.child.stdin.write(`${JSON.stringify({ id, ...command })}\n`);
    const done = this.waitFor((m) => m.id === id, `command ${id} (${command.op})`).then((m) => {
      if (m.type !== "ack") throw new Error(`command ${id} failed: ${m.code} ${m.message}`);
      return m;
    });
    return { id, done };
  }

  /** SIGKILL: no close, no final write, no lease released. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill("SIGKILL");
      await this.exited;
    }
  }
}

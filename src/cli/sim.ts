import { parseArgs } from "node:util";
import { type FaultSpec, ProtocolSimulator, parseFaultFlag, SimulatorError } from "../simulator/index.js";
import { isLoopback } from "../simulator/options.js";
import type { SimPluginId } from "../simulator/plugins/plugin-set.js";
import { parseFlags, parseSeed } from "./args.js";

const USAGE = `usage: sonora sim [options]

Starts an offline Lavalink v4 node (the Sonora protocol simulator).

  --host <address>                  address to listen on (default 127.0.0.1)
  --port <n>                        port (default 2333; 0 = any free port)
  --password <text>                 node password (default "test", as protocolSimulator and SONORA_OFFLINE;
                                    off loopback it must be given explicitly: "test" is public knowledge)
  --no-password                     accept any Authorization (loopback hosts only)
  --seed <n|text>                   seed of every random decision (default 0)
  --time-scale <x>                  run time x times faster (default 1)
  --player-update-interval <ms>     playerUpdate interval in ms (default 5000)
  --stats-interval <ms>             stats interval in ms (default 60000, as Lavalink)
  --strict-voice                    only advance tracks that have a voice connection
  --plugins <list>                  plugins the node runs, comma-separated (default
                                    lavasrc,lavasearch,lyrics,sponsorblock; also lavadspx, filters;
                                    "none" for a bare node)
  --fault <spec>                    inject faults (repeatable): a knob such as latencySpike=0.1,
                                    packetLoss=0.05, connectionDrop=0.02, or a fault such as
                                    rest-error:status=503,toxicity=0.2 (see docs/faults.md)
  -h, --help                        show this help
`;

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${JSON.stringify(raw)}`);
  return n;
}

/** Shared with `protocolSimulator` and the client's `SONORA_OFFLINE` defaults, so they meet with no flags. */
const DEFAULT_CLI_PASSWORD = "test";

/**
 * Off loopback the well-known default password protects nothing: whoever can reach the port can
 * guess it. There the password must be given explicitly (or the node stays on loopback).
 */
function assertExplicitPasswordOffLoopback(host: string, password: string | undefined): void {
  if (password !== undefined || isLoopback(host)) return;
  throw new SimulatorError(
    "SIM_INSECURE_BIND",
    `refusing to listen on ${host} with the well-known default password "${DEFAULT_CLI_PASSWORD}"; pass --password <secret> (clients send it as Authorization) or listen on 127.0.0.1`,
  );
}

/** `sonora sim`: runs a simulator until SIGINT/SIGTERM, logging connections as they come and go. */
export async function runSim(argv: string[]): Promise<number> {
  const values = parseFlags("sim", USAGE, argv, parse);
  if (typeof values === "number") return values;
  let sim: ProtocolSimulator;
  try {
    const seed = parseSeed(values.seed, 0);
    const timeScale = number("time-scale", values["time-scale"]);
    const interval = number("player-update-interval", values["player-update-interval"]);
    const statsInterval = number("stats-interval", values["stats-interval"]);
    const knobs: Record<string, number> = {};
    const faults: FaultSpec[] = [];
    for (const flag of values.fault ?? []) {
      const parsed = parseFaultFlag(flag);
      if (parsed.kind === "knobs") Object.assign(knobs, parsed.knobs);
      else faults.push(parsed.spec);
    }
    const host = values.host ?? "127.0.0.1";
    if (values["no-password"] !== true) assertExplicitPasswordOffLoopback(host, values.password);
    sim = new ProtocolSimulator({
      host,
      port: number("port", values.port) ?? 2333,
      // Without a password the simulator itself refuses non-loopback hosts (SIM_INSECURE_BIND).
      ...(values["no-password"] === true ? {} : { password: values.password ?? DEFAULT_CLI_PASSWORD }),
      seed,
      clock: "real",
      ...(timeScale === undefined ? {} : { timeScale }),
      ...(interval === undefined ? {} : { playerUpdateInterval: interval }),
      ...(statsInterval === undefined ? {} : { statsInterval }),
      strictVoice: values["strict-voice"] === true,
      ...(values.plugins === undefined ? {} : { plugins: parsePluginsFlag(values.plugins) }),
      log: { capacity: 1000 },
    });
    if (Object.keys(knobs).length > 0) sim.enableFaultInjection(knobs);
    for (const spec of faults) sim.faults.add(spec);
    await sim.start();
  } catch (error) {
    process.stderr.write(`sonora sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const running = sim;
  const plugins = running.info().plugins.map((p) => `${p.name} ${p.version}`);
  process.stdout.write(
    `Lavalink v4 simulator listening on ${running.url} (websocket ${running.url.replace("http", "ws")}/v4/websocket)\n`,
  );
  process.stdout.write(`plugins: ${plugins.join(", ")}\n`);
  if (running.password === undefined) {
    process.stdout.write("no password: any Authorization is accepted\n");
  }
  const active = running.faults.list();
  if (active.length > 0) {
    const names = active.map((f) => `${f.id} (${f.type}, toxicity ${f.toxicity})`).join(", ");
    process.stdout.write(`fault injection: ${names}\n`);
  }
  const say = (line: string): void => {
    process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  };
  running.on("connect", (s) =>
    say(`session ${s.id} connected (user ${s.userId}, ${s.clientName ?? "no Client-Name"})`),
  );
  running.on("resume", (s) => say(`session ${s.id} resumed`));
  running.on("disconnect", (s, code, resumable) =>
    say(`session ${s.id} disconnected (code ${code})${resumable ? `, resumable for ${s.timeout}s` : ""}`),
  );
  running.on("sessionEnd", (id) => say(`session ${id} ended`));
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await running.stop();
  process.stdout.write("simulator stopped\n");
  return 0;
}

/** Every flag `sonora sim` accepts (the usage text lists each one). */
export const SIM_FLAGS = {
  host: { type: "string" },
  port: { type: "string" },
  password: { type: "string" },
  "no-password": { type: "boolean" },
  seed: { type: "string" },
  "time-scale": { type: "string" },
  "player-update-interval": { type: "string" },
  "stats-interval": { type: "string" },
  "strict-voice": { type: "boolean" },
  plugins: { type: "string" },
  fault: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  const values = parseArgs({ args: argv, strict: true, options: SIM_FLAGS }).values;
  if (values["no-password"] === true && values.password !== undefined) {
    throw new Error("--password and --no-password contradict each other; pick one");
  }
  return values;
}

/** `--plugins a,b,c` (or `none`): the ids are checked by the simulator's `plugins` option. */
function parsePluginsFlag(raw: string): SimPluginId[] {
  const trimmed = raw.trim();
  if (trimmed === "none" || trimmed === "") return [];
  return trimmed.split(",").map((p) => p.trim()) as SimPluginId[];
}

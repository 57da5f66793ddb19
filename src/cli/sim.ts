import { parseArgs } from "node:util";
import { type FaultSpec, ProtocolSimulator, parseFaultFlag, SimulatorError } from "../simulator/index.js";
import { isLoopback } from "../simulator/options.js";
import type { LavalinkVersion } from "../simulator/profiles.js";
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
  --lavalink-version <line>         behave as Lavalink 4.0, 4.1 or 4.2 (default 4.2, the newest)
  --lint                            refuse (400) filter values Lavalink accepts and fails on at playback
  --disabled-filters <names>        comma-separated filters disabled in the node's config (400 when used)
  --clock <real|virtual>            real time (default) or a virtual clock that moves only when the
                                    control API advances it (POST /_sonora/clock/advance)
  --control-token <token>           token of the control API below /_sonora (default on loopback: a
                                    random one, printed at start; off loopback the API is only on
                                    with this flag)
  --no-control                      no control API
  --inspect                         serve the live inspector page (its URL is printed at start)
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
  let virtual = false;
  let controlOff = false;
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
    const clock = values.clock ?? "real";
    if (clock !== "real" && clock !== "virtual") {
      throw new Error(`--clock must be real or virtual, got ${JSON.stringify(clock)}`);
    }
    if (clock === "virtual" && timeScale !== undefined) {
      throw new Error("--time-scale only applies to --clock real");
    }
    virtual = clock === "virtual";
    // On loopback the API is on by default with a random token. Elsewhere a printed random token
    // is no protection worth the name: the API stays off unless a token is chosen, and asking for
    // the inspector without one is refused rather than silently ignored.
    const tokenGiven = values["control-token"] !== undefined;
    if (values.inspect === true && !tokenGiven && !isLoopback(host)) {
      throw new SimulatorError(
        "SIM_INSECURE_BIND",
        `refusing to serve the inspector on ${host} with a generated token; pass --control-token <secret> or listen on 127.0.0.1`,
      );
    }
    controlOff = values["no-control"] === true || (!tokenGiven && !isLoopback(host));
    const controlOn = !controlOff;
    sim = new ProtocolSimulator({
      host,
      port: number("port", values.port) ?? 2333,
      // Without a password the simulator itself refuses non-loopback hosts (SIM_INSECURE_BIND).
      ...(values["no-password"] === true ? {} : { password: values.password ?? DEFAULT_CLI_PASSWORD }),
      seed,
      clock,
      ...(timeScale === undefined ? {} : { timeScale }),
      control: controlOn
        ? values["control-token"] === undefined
          ? true
          : { token: values["control-token"] }
        : false,
      inspect: values.inspect === true,
      ...(interval === undefined ? {} : { playerUpdateInterval: interval }),
      ...(statsInterval === undefined ? {} : { statsInterval }),
      strictVoice: values["strict-voice"] === true,
      ...(values["lavalink-version"] === undefined
        ? {}
        : { lavalinkVersion: values["lavalink-version"] as LavalinkVersion }),
      lint: values.lint === true,
      ...(values["disabled-filters"] === undefined
        ? {}
        : { disabledFilters: values["disabled-filters"].split(",").map((f) => f.trim()) }),
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
  // Listening for the signals before printing the address: whoever reads it may stop us at once.
  const signalled = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write(
    `Lavalink v4 simulator listening on ${running.url} (websocket ${running.url.replace("http", "ws")}/v4/websocket)\n`,
  );
  process.stdout.write(`behaves as Lavalink ${running.info().version.semver}\n`);
  if (running.password === undefined) {
    process.stdout.write("no password: any Authorization is accepted\n");
  }
  if (running.controlUrl !== undefined) {
    process.stdout.write(
      `control API on ${running.controlUrl} (send Authorization: Bearer ${running.controlToken})\n`,
    );
  }
  if (controlOff && values["no-control"] !== true) {
    process.stdout.write("control API off: off loopback it needs --control-token <secret>\n");
  }
  if (running.inspectorUrl !== undefined) process.stdout.write(`inspector: ${running.inspectorUrl}\n`);
  if (virtual) process.stdout.write("virtual clock: time moves only with POST /_sonora/clock/advance\n");
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
  await signalled;
  // A kill through the control API may have left the node down (it comes back by itself).
  if (running.running || running.controlUrl !== undefined) await running.stop().catch(() => undefined);
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
  "lavalink-version": { type: "string" },
  lint: { type: "boolean" },
  "disabled-filters": { type: "string" },
  clock: { type: "string" },
  "control-token": { type: "string" },
  "no-control": { type: "boolean" },
  inspect: { type: "boolean" },
  fault: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  const values = parseArgs({ args: argv, strict: true, options: SIM_FLAGS }).values;
  if (values["no-password"] === true && values.password !== undefined) {
    throw new Error("--password and --no-password contradict each other; pick one");
  }
  if (values["no-control"] === true && (values["control-token"] !== undefined || values.inspect === true)) {
    throw new Error(
      "--no-control contradicts --control-token and --inspect (the inspector works through the control API)",
    );
  }
  return values;
}

import { parseArgs } from "node:util";
import type { RoutePlannerStatus, RoutePlannerType } from "../protocol/index.js";
import { type FaultSpec, ProtocolSimulator, parseFaultFlag } from "../simulator/index.js";
import { isLoopback, type ProtocolSimulatorOptions } from "../simulator/options.js";
import type { SimPluginId } from "../simulator/plugins/plugin-set.js";
import { LAVALINK_VERSIONS, type LavalinkVersion } from "../simulator/profiles.js";
import { simulatedRoutePlanner } from "../simulator/route-planner.js";
import { parseFlags, parseNumberFlag, parseSeed } from "./args.js";
import { CliUsageError, EXIT_CODES_HELP, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./errors.js";

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
                                    lavasrc,lavasearch,lyrics,sponsorblock; also java-lyrics,
                                    lavadspx, filters;
                                    "none" for a bare node)
  --lavalink-version <line>         behave as Lavalink 4.0, 4.1 or 4.2 (default 4.2, the newest)
  --route-planner <class>[@<cidr>]  simulate a route planner (RotatingIpRoutePlanner, NanoIpRoutePlanner,
                                    RotatingNanoIpRoutePlanner, BalancingIpRoutePlanner), IP block
                                    default 2001:db8::/64
  --track-stuck-threshold <ms>      the node's track-stuck threshold (default 10000, as Lavalink)
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

It prints the password it expects when it starts, and logs every refused connection (a wrong
password, a missing User-Id) with the reason.

${EXIT_CODES_HELP}
`;

/** Shared with `protocolSimulator` and the client's `SONORA_OFFLINE` defaults, so they meet with no flags. */
const DEFAULT_CLI_PASSWORD = "test";

/**
 * Off loopback the well-known default password protects nothing: whoever can reach the port can
 * guess it, and no password at all is worse. There the password must be given explicitly (or the
 * node stays on loopback). A usage error: the command line asks for something unsafe.
 */
function assertSafeHost(host: string, password: string | undefined, noPassword: boolean): void {
  if (isLoopback(host)) return;
  if (noPassword) {
    throw new CliUsageError(
      `refusing to listen on ${host} without a password; pass --password <secret> or listen on 127.0.0.1`,
    );
  }
  if (password !== undefined) return;
  throw new CliUsageError(
    `refusing to listen on ${host} with the well-known default password "${DEFAULT_CLI_PASSWORD}"; pass --password <secret> (clients send it as Authorization) or listen on 127.0.0.1`,
  );
}

/** What `sonora sim` was asked for, checked: every field is ready for {@link ProtocolSimulator}. */
interface SimPlan {
  help?: boolean;
  options: ProtocolSimulatorOptions & { host: string; port: number };
  knobs: Record<string, number>;
  faults: FaultSpec[];
  /** How the password was chosen, for the start-up banner (never the password given on the command line). */
  passwordNote: string;
  /** The control API is off although not asked off (off loopback without a token): say why. */
  controlOffNote: string | null;
}

/** `sonora sim`: runs a simulator until SIGINT/SIGTERM, logging connections as they come and go. */
export async function runSim(argv: string[]): Promise<number> {
  const plan = parseFlags("sim", USAGE, argv, parse);
  if (typeof plan === "number") return plan;
  let sim: ProtocolSimulator;
  try {
    sim = new ProtocolSimulator(plan.options);
    if (Object.keys(plan.knobs).length > 0) sim.enableFaultInjection(plan.knobs);
    for (const spec of plan.faults) sim.faults.add(spec);
  } catch (error) {
    // The simulator's own option checks (SIM_INVALID_OPTION, a fault the registry refuses): still
    // the command line's fault, and nothing is listening yet.
    process.stderr.write(`sonora sim: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    await sim.start();
  } catch (error) {
    process.stderr.write(`sonora sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
  const running = sim;
  // Listen for the stop signals before printing anything: whoever reads the banner may signal at once.
  const stopped = new Promise<void>((resolve) => {
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
  process.stdout.write(`${plan.passwordNote}\n`);
  process.stdout.write(`behaves as Lavalink ${running.info().version.semver}\n`);
  const plugins = running.info().plugins.map((p) => `${p.name} ${p.version}`);
  process.stdout.write(`plugins: ${plugins.length === 0 ? "none" : plugins.join(", ")}\n`);
  if (running.controlUrl !== undefined) {
    process.stdout.write(
      `control API on ${running.controlUrl} (send Authorization: Bearer ${running.controlToken})\n`,
    );
  }
  if (plan.controlOffNote !== null) process.stdout.write(`${plan.controlOffNote}\n`);
  if (running.inspectorUrl !== undefined) process.stdout.write(`inspector: ${running.inspectorUrl}\n`);
  if (plan.options.clock === "virtual") {
    process.stdout.write("virtual clock: time moves only with POST /_sonora/clock/advance\n");
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
  running.on("handshakeRefused", (r) => say(`refused a connection: ${r.status} ${r.reason}, ${r.detail}`));
  await stopped;
  // A kill through the control API may have left the node down (it comes back by itself).
  if (running.running || running.controlUrl !== undefined) await running.stop().catch(() => undefined);
  process.stdout.write("simulator stopped\n");
  return EXIT_OK;
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
  "lavalink-version": { type: "string" },
  "route-planner": { type: "string" },
  "track-stuck-threshold": { type: "string" },
  lint: { type: "boolean" },
  "disabled-filters": { type: "string" },
  clock: { type: "string" },
  "control-token": { type: "string" },
  "no-control": { type: "boolean" },
  inspect: { type: "boolean" },
  fault: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
} as const;

/** Reads and checks every flag; any problem is a usage error thrown before anything starts. */
function parse(argv: string[]): SimPlan {
  let values: ReturnType<typeof readFlags>;
  try {
    values = readFlags(argv);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (values.help === true)
    return {
      help: true,
      options: { host: "", port: 0 },
      knobs: {},
      faults: [],
      passwordNote: "",
      controlOffNote: null,
    };
  const noPassword = values["no-password"] === true;
  if (noPassword && values.password !== undefined) {
    throw new CliUsageError("--password and --no-password contradict each other; pick one");
  }
  const host = values.host ?? "127.0.0.1";
  assertSafeHost(host, values.password, noPassword);
  const timeScale = parseNumberFlag("time-scale", values["time-scale"]);
  const interval = parseNumberFlag("player-update-interval", values["player-update-interval"]);
  const statsInterval = parseNumberFlag("stats-interval", values["stats-interval"]);
  const knobs: Record<string, number> = {};
  const faults: FaultSpec[] = [];
  for (const flag of values.fault ?? []) {
    const parsed = parseFaultFlag(flag);
    if (parsed.kind === "knobs") Object.assign(knobs, parsed.knobs);
    else faults.push(parsed.spec);
  }
  const stuckThreshold = parseNumberFlag("track-stuck-threshold", values["track-stuck-threshold"]);
  const clock = values.clock ?? "real";
  if (clock !== "real" && clock !== "virtual") {
    throw new CliUsageError(`--clock must be real or virtual, got ${JSON.stringify(clock)}`);
  }
  if (clock === "virtual" && timeScale !== undefined) {
    throw new CliUsageError("--time-scale only applies to --clock real");
  }
  const line = values["lavalink-version"];
  if (line !== undefined && !(LAVALINK_VERSIONS as readonly string[]).includes(line)) {
    throw new CliUsageError(
      `--lavalink-version must be one of ${LAVALINK_VERSIONS.join(", ")}, got ${JSON.stringify(line)}`,
    );
  }
  const tokenGiven = values["control-token"] !== undefined;
  if (values["no-control"] === true && (tokenGiven || values.inspect === true)) {
    throw new CliUsageError(
      "--no-control contradicts --control-token and --inspect (the inspector works through the control API)",
    );
  }
  // On loopback the API is on by default with a random token. Elsewhere a printed random token is
  // no protection worth the name: the API stays off unless a token is chosen, and asking for the
  // inspector without one is refused rather than silently ignored.
  if (values.inspect === true && !tokenGiven && !isLoopback(host)) {
    throw new CliUsageError(
      `refusing to serve the inspector on ${host} with a generated token; pass --control-token <secret> or listen on 127.0.0.1`,
    );
  }
  const controlOff = values["no-control"] === true || (!tokenGiven && !isLoopback(host));
  const passwordNote = noPassword
    ? "no password: any Authorization is accepted"
    : values.password === undefined
      ? `password: "${DEFAULT_CLI_PASSWORD}" (the default; clients send it as Authorization, --password changes it)`
      : "password: the one given with --password (clients send it as Authorization)";
  return {
    options: {
      host,
      port: parseNumberFlag("port", values.port) ?? 2333,
      // Without a password the simulator accepts any Authorization (loopback only, checked above).
      ...(noPassword ? {} : { password: values.password ?? DEFAULT_CLI_PASSWORD }),
      seed: parseSeed(values.seed, 0),
      clock,
      ...(timeScale === undefined ? {} : { timeScale }),
      control: controlOff ? false : tokenGiven ? { token: values["control-token"] as string } : true,
      inspect: values.inspect === true,
      ...(line === undefined ? {} : { lavalinkVersion: line as LavalinkVersion }),
      lint: values.lint === true,
      ...(values["route-planner"] === undefined
        ? {}
        : { routePlanner: parseRoutePlanner(values["route-planner"]) }),
      ...(stuckThreshold === undefined ? {} : { trackStuckThresholdMs: stuckThreshold }),
      ...(values.plugins === undefined ? {} : { plugins: parsePluginsFlag(values.plugins) }),
      ...(values["disabled-filters"] === undefined
        ? {}
        : { disabledFilters: values["disabled-filters"].split(",").map((f) => f.trim()) }),
      ...(interval === undefined ? {} : { playerUpdateInterval: interval }),
      ...(statsInterval === undefined ? {} : { statsInterval }),
      strictVoice: values["strict-voice"] === true,
      log: { capacity: 1000 },
    },
    knobs,
    faults,
    passwordNote,
    controlOffNote:
      controlOff && values["no-control"] !== true
        ? "control API off: off loopback it needs --control-token <secret>"
        : null,
  };
}

/** node's parser over {@link SIM_FLAGS}: unknown flags and missing values throw. */
function readFlags(argv: string[]) {
  return parseArgs({ args: argv, strict: true, options: SIM_FLAGS }).values;
}

/** `--plugins a,b,c` (or `none`): the ids are checked by the simulator's `plugins` option. */
function parsePluginsFlag(raw: string): SimPluginId[] {
  const trimmed = raw.trim();
  if (trimmed === "none" || trimmed === "") return [];
  return trimmed.split(",").map((p) => p.trim()) as SimPluginId[];
}

/** `--route-planner Class[@cidr]`: a bad class or block is a usage error, like every other flag. */
function parseRoutePlanner(raw: string): RoutePlannerStatus {
  const at = raw.indexOf("@");
  const type = (at === -1 ? raw : raw.slice(0, at)).trim() as RoutePlannerType;
  try {
    return at === -1 ? simulatedRoutePlanner(type) : simulatedRoutePlanner(type, raw.slice(at + 1).trim());
  } catch (error) {
    throw new CliUsageError(`--route-planner: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

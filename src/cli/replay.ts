import { parseArgs } from "node:util";
import { ReplaySimulator } from "../simulator/index.js";
import { parseFlags } from "./args.js";
import { CliUsageError } from "./errors.js";

const USAGE = `usage: sonora replay FILE [options]

Serves a session recorded by the client's \`record\` option (or SONORA_RECORD=path) as a Lavalink
node: a client doing the same commands gets the same answers and frames at the same times.

  --node <name>        which recorded node to serve (default the first one in the file)
  --host <address>     address to listen on (default 127.0.0.1)
  --port <n>           port (default 2333; 0 = any free port)
  --password <text>    password clients must send (default: any; recordings hold none)
  -h, --help           show this help
`;

/** Every flag `sonora replay` accepts. */
export const REPLAY_FLAGS = {
  node: { type: "string" },
  host: { type: "string" },
  port: { type: "string" },
  password: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: REPLAY_FLAGS,
  });
  if (values.help !== true && positionals.length !== 1)
    throw new CliUsageError("give exactly one recording FILE");
  if (values.port !== undefined && !/^\d+$/.test(values.port)) {
    throw new CliUsageError(`--port must be a whole number, got ${JSON.stringify(values.port)}`);
  }
  return { ...values, file: positionals[0] ?? "" };
}

/** `sonora replay FILE`: serves the recording until SIGINT/SIGTERM, printing each divergence. */
export async function runReplay(argv: string[]): Promise<number> {
  const values = parseFlags("replay", USAGE, argv, parse);
  if (typeof values === "number") return values;
  let replay: ReplaySimulator;
  try {
    replay = new ReplaySimulator({
      path: values.file,
      port: values.port === undefined ? 2333 : Number(values.port),
      warn: false,
      ...(values.node === undefined ? {} : { node: values.node }),
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(values.password === undefined ? {} : { password: values.password }),
    });
    await replay.start();
  } catch (error) {
    process.stderr.write(`sonora replay: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const running = replay;
  process.stdout.write(
    `replaying node ${JSON.stringify(running.node)} of ${values.file} on ${running.url} (${running.unusedRequests} recorded requests)\n`,
  );
  let reported = 0;
  const report = (): void => {
    for (; reported < running.divergences.length; reported++) {
      const d = running.divergences[reported]!;
      process.stderr.write(`divergence: the recording has no ${d.kind} matching ${d.what}\n`);
    }
  };
  const watcher = setInterval(report, 200);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  clearInterval(watcher);
  report();
  await running.stop();
  process.stdout.write(`replay stopped (${running.unusedRequests} recorded requests never made)\n`);
  return 0;
}

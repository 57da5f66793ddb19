import { parseArgs } from "node:util";
import { parseFlags, parseSeed } from "../args.js";
import { CliUsageError, EXIT_CODES_HELP, EXIT_FAILURE, EXIT_OK } from "../errors.js";
import { runDemo } from "./run.js";

const USAGE = `usage: sonora demo [options]

Plays a scripted session against an embedded Lavalink v4 simulator: a search, a queue, a
filter change, a skip, a dropped connection that is resumed, and autoplay taking over.
Nothing else is needed: no Lavalink, no Discord, no network.

  --fast               no pauses (finishes in a few seconds; for CI)
  --seed <n|text>      seed of the simulated node (default 42): same seed, same story
  --speed <x>          playback runs x times faster than real time (default 15)
  --query <text>       what to search for (default "synthwave")
  -h, --help           show this help

Colours only on a terminal, never when NO_COLOR is set; FORCE_COLOR=1 (or 2, 3, true) colours a
pipe too, FORCE_COLOR=0 (or false) turns colours off.

${EXIT_CODES_HELP}
`;

/** `sonora demo`: runs the demo on stdout; 0 when every step happened, 1 on failure, 2 on bad usage (nothing started). */
export async function runDemoCommand(argv: string[]): Promise<number> {
  const values = parseFlags("demo", USAGE, argv, parse);
  if (typeof values === "number") return values;
  try {
    await runDemo({
      out: process.stdout,
      seed: values.seed,
      fast: values.fast === true,
      ...(values.speed === undefined ? {} : { speed: values.speed }),
      ...(values.query === undefined ? {} : { query: values.query }),
    });
    return EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      error instanceof Error && error.cause !== undefined ? `\n  caused by: ${String(error.cause)}` : "";
    process.stderr.write(`\nsonora demo failed: ${message}${cause}\n`);
    return EXIT_FAILURE;
  }
}

/** Reads and checks every flag, so a bad one is refused before the demo starts anything. */
function parse(argv: string[]) {
  const values = parseArgs({
    args: argv,
    strict: true,
    options: {
      fast: { type: "boolean" },
      seed: { type: "string" },
      speed: { type: "string" },
      query: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(values.speed?.trim() !== "" && Number.isFinite(speed) && speed > 0)) {
    throw new CliUsageError(`--speed must be a number > 0, got ${JSON.stringify(values.speed)}`);
  }
  if (values.query !== undefined && values.query.trim() === "") {
    throw new CliUsageError("--query must not be empty: it is what the demo searches for");
  }
  return { ...values, speed, seed: parseSeed(values.seed, 42) };
}

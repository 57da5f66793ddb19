import { parseArgs } from "node:util";
import { parseFlags, parseSeed } from "../args.js";
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

Colours only on a terminal, and never when NO_COLOR is set.
`;

/** `sonora demo`: runs the demo on stdout; 0 when every step happened, 1 on failure, 2 on bad usage. */
export async function runDemoCommand(argv: string[]): Promise<number> {
  const values = parseFlags("demo", USAGE, argv, parse);
  if (typeof values === "number") return values;
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) {
    process.stderr.write(`sonora demo: --speed must be a number > 0, got ${JSON.stringify(values.speed)}\n`);
    return 2;
  }
  const seed = parseSeed(values.seed, 42);
  try {
    await runDemo({
      out: process.stdout,
      seed,
      fast: values.fast === true,
      ...(speed === undefined ? {} : { speed }),
      ...(values.query === undefined ? {} : { query: values.query }),
    });
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      error instanceof Error && error.cause !== undefined ? `\n  caused by: ${String(error.cause)}` : "";
    process.stderr.write(`\nsonora demo failed: ${message}${cause}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
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
}

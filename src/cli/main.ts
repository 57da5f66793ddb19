#!/usr/bin/env node
/** The `sonora` command line: a dispatcher, one file per subcommand. */
import { runSim } from "./sim.js";

const USAGE = "usage: sonora <sim|demo> [options]\n";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return 0;
    case "sim":
      return runSim(rest);
    default:
      process.stderr.write(`sonora: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
/** The `sonora` command line: a dispatcher, one file per subcommand. */
import { runDemoCommand } from "./demo/command.js";
import { runReplay } from "./replay.js";
import { runSim } from "./sim.js";

const USAGE = `usage: sonora <command> [options]

  sim    run an offline Lavalink v4 node (the protocol simulator)
  demo   watch a scripted music session against an embedded simulator
  replay serve a recorded session (the client's record option) as a node

sonora <command> --help shows the options of a command.
`;

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
    case "demo":
      return runDemoCommand(rest);
    case "replay":
      return runReplay(rest);
    default:
      process.stderr.write(`sonora: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));

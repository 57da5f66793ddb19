#!/usr/bin/env node
/** The `sonora` command line: a dispatcher, one file per subcommand. */
import { SONORA_VERSION } from "../client/version.js";
import { runDemoCommand } from "./demo/command.js";
import { EXIT_CODES_HELP, EXIT_OK, EXIT_USAGE } from "./errors.js";
import { runReplay } from "./replay.js";
import { runSim } from "./sim.js";

const USAGE = `usage: sonora <command> [options]

  sim    run an offline Lavalink v4 node (the protocol simulator)
  demo   watch a scripted music session against an embedded simulator
  replay serve a recorded session (the client's record option) as a node

  -v, --version   print the version
  -h, --help      show this help

sonora <command> --help shows the options of a command.
${EXIT_CODES_HELP}
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return EXIT_OK;
    case "--version":
    case "-v":
      process.stdout.write(`${SONORA_VERSION}\n`);
      return EXIT_OK;
    case "sim":
      return runSim(rest);
    case "demo":
      return runDemoCommand(rest);
    case "replay":
      return runReplay(rest);
    default:
      process.stderr.write(`sonora: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return EXIT_USAGE;
  }
}

// A promise chain rather than top-level await: the file stays valid whatever module format it is
// compiled to, and a crash outside the commands' own handling still ends with exit code 1.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `sonora: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);

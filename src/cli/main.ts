#!/usr/bin/env node
/** The `sonora` command line. Subcommands are added by the simulator and demo work. */
const [command] = process.argv.slice(2);
if (command === undefined || command === "--help" || command === "-h") {
  process.stdout.write("usage: sonora <sim|demo> [options]\n");
} else {
  process.stderr.write(`sonora: unknown command ${JSON.stringify(command)}\n`);
  process.exitCode = 2;
}

import { SonoraError } from "../base/errors/sonora-error.js";

/**
 * The command line was wrong: an unknown flag, a value that is not a number, flags that contradict
 * each other. Every command reports it with its usage text and exit code 2 (see {@link EXIT_USAGE}),
 * before it starts anything.
 */
export class CliUsageError extends SonoraError {
  /** Stable code for programs. */
  readonly code = "CLI_USAGE";
}

/** Exit code: the command did what it was asked. */
export const EXIT_OK = 0;
/** Exit code: the command started but failed (a port already in use, a demo step that did not happen). */
export const EXIT_FAILURE = 1;
/** Exit code: the command line was wrong; nothing was started. */
export const EXIT_USAGE = 2;

/** The exit-code paragraph every usage text ends with, so `--help` and docs/cli say the same. */
export const EXIT_CODES_HELP = `exit codes: ${EXIT_OK} done, ${EXIT_FAILURE} failed while running, ${EXIT_USAGE} usage error (nothing was started)`;

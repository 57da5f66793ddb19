import { SonoraError } from "../base/errors/sonora-error.js";
import { CliUsageError, EXIT_OK, EXIT_USAGE } from "./errors.js";

/**
 * Parses a subcommand's flags with `parse`. On bad usage it writes the error and the usage to
 * stderr and returns exit code 2; on `--help` it writes the usage to stdout and returns 0. Otherwise
 * it returns the parsed values. `parse` reports usage errors by throwing: node's own `parseArgs`
 * errors and any {@link SonoraError} (a malformed `--fault`, …) count as usage errors.
 */
export function parseFlags<T extends { help?: boolean | undefined }>(
  command: string,
  usage: string,
  argv: string[],
  parse: (argv: string[]) => T,
): T | number {
  let values: T;
  try {
    values = parse(argv);
  } catch (error) {
    const usageError = asUsageError(error);
    process.stderr.write(`sonora ${command}: ${usageError.message}\n${usage}`);
    return EXIT_USAGE;
  }
  if (values.help === true) {
    process.stdout.write(usage);
    return EXIT_OK;
  }
  return values;
}

/** node's `parseArgs` throws TypeErrors coded ERR_PARSE_ARGS_*; ours are SonoraErrors already. */
function asUsageError(error: unknown): SonoraError {
  if (error instanceof SonoraError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CliUsageError(message, { cause: error });
}

/** A `--seed` value: digits (with an optional minus) are a number, anything else a text seed. */
export function parseSeed(raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

/** A numeric flag value, or undefined when the flag is absent; throws {@link CliUsageError} otherwise. */
export function parseNumberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) {
    throw new CliUsageError(`--${name} must be a number, got ${JSON.stringify(raw)}`);
  }
  return n;
}

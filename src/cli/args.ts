/**
 * Parses a subcommand's flags with `parse`. On bad usage it writes the error and the usage to
 * stderr and returns exit code 2; on `--help` it writes the usage to stdout and returns 0. Otherwise
 * it returns the parsed values.
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
    process.stderr.write(
      `sonora ${command}: ${error instanceof Error ? error.message : String(error)}\n${usage}`,
    );
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(usage);
    return 0;
  }
  return values;
}

/** A `--seed` value: digits (with an optional minus) are a number, anything else a text seed. */
export function parseSeed(raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
}

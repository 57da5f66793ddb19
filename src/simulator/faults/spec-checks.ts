import { FaultError } from "./errors.js";

/**
 * Validation helpers a fault type uses on its own attributes. Every failure is a
 * {@link FaultError} `FAULT_INVALID` that names the fault, so the messages read the same for
 * every type.
 */
export class SpecChecks {
  constructor(
    /** The id of the fault being checked (or `--fault` for a command-line flag). */
    readonly id: string,
  ) {}

  /** Refuses the spec: `fault "<id>": <what>`. */
  fail(what: string): never {
    throw new FaultError("FAULT_INVALID", `fault ${JSON.stringify(this.id)}: ${what}`);
  }

  /** An optional number within [min, max]; absent is fine. */
  number(name: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): void {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      this.fail(
        `${name} must be a finite number${max === Number.POSITIVE_INFINITY ? ` ≥ ${min}` : ` from ${min} to ${max}`}, got ${String(value)}`,
      );
    }
  }
}

import { SonoraError } from "../../base/errors/sonora-error.js";

/** Thrown for invalid arguments to the catalog (`option` names the argument, `value` holds it). */
export class CatalogError extends SonoraError {
  /** Stable machine-readable identifier. */
  readonly code = "CATALOG";
  constructor(
    /** Name of the offending argument or option. */
    readonly option: string,
    /** The value that was passed. */
    readonly value: unknown,
    /** What would have been accepted. */
    readonly expected: string,
  ) {
    super(
      `Catalog ${option} must be ${expected}, got ${typeof value === "string" ? JSON.stringify(value) : String(value)}`,
    );
  }
}

import { SonoraError } from "../../base/errors/sonora-error.js";

/** A guild id was not a Discord snowflake (a string of 1-20 digits, or a safe integer). */
export class InvalidGuildIdError extends SonoraError {
  readonly code = "INVALID_GUILD_ID";
  constructor(readonly value: unknown) {
    super(
      `guild id must be a Discord snowflake as a string of digits (e.g. "123456789012345678"), got ${describe(value)}` +
        (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)
          ? "; snowflakes exceed 2^53 and lose digits as numbers, pass the id as a string"
          : ""),
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint") return `the number ${String(value)}`;
  return value === null ? "null" : typeof value;
}

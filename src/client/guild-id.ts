import { InvalidGuildIdError } from "./errors/invalid-guild-id-error.js";

/** A Discord snowflake: 1 to 20 decimal digits (64-bit unsigned). */
const SNOWFLAKE = /^\d{1,20}$/;

/**
 * Normalises a guild id to its string form. Snowflakes exceed 2^53, so a number is accepted only
 * while it is a safe integer (it has not lost digits yet); anything else throws
 * {@link InvalidGuildIdError}.
 */
export function toGuildId(value: unknown): string {
  if (typeof value === "string") {
    if (SNOWFLAKE.test(value) && BigInt(value) < 2n ** 64n) return value;
    throw new InvalidGuildIdError(value);
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === "bigint" && value >= 0n && value < 2n ** 64n) return value.toString();
  throw new InvalidGuildIdError(value);
}

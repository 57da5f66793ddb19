import { InvalidGuildIdError } from "./errors/invalid-guild-id-error.js";

/** A Discord snowflake: 1 to 20 decimal digits (64-bit unsigned). */
const SNOWFLAKE = /^\d{1,20}$/;
const SNOWFLAKE_LIMIT = 2n ** 64n;

/**
 * A Discord id (guild, user, channel) as Sonora's public entries accept it: the snowflake as a string
 * of digits, or a number while it is a safe integer. Every such id is normalised by
 * {@link parseSnowflake} to its string form.
 */
export type SnowflakeInput = string | number;

/**
 * The one parser of Discord ids: the string form of a snowflake, or null when `value` is none.
 * Snowflakes exceed 2^53, so a number is accepted only while it is a safe integer (it has not lost
 * digits yet); a bigint below 2^64 is accepted too. Strings are returned unchanged.
 */
export function parseSnowflake(value: unknown): string | null {
  if (typeof value === "string")
    return SNOWFLAKE.test(value) && BigInt(value) < SNOWFLAKE_LIMIT ? value : null;
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value === "bigint") return value >= 0n && value < SNOWFLAKE_LIMIT ? value.toString() : null;
  return null;
}

/**
 * Normalises a guild id to its string form with {@link parseSnowflake}; anything that is not a
 * snowflake throws {@link InvalidGuildIdError}. Every public entry that takes an id goes through
 * here (entries with their own error type wrap this one as the `cause`).
 */
export function toGuildId(value: unknown): string {
  const id = parseSnowflake(value);
  if (id === null) throw new InvalidGuildIdError(value);
  return id;
}

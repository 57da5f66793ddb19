import { invalid } from "./reply.js";

/** A JSON object body (or `{}` for an empty body); anything else is SIM_CONTROL_INVALID. */
export function objectBody(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw invalid(`the body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalid(`expected a JSON object, got ${Array.isArray(parsed) ? "an array" : String(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}

/** Refuses fields a route does not know, so a typo is an error rather than silently ignored. */
export function onlyKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw invalid(
        `unknown field ${JSON.stringify(key)}; expected ${allowed.map((k) => JSON.stringify(k)).join(", ") || "no fields"}`,
      );
    }
  }
}

/** An optional string field. */
export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/** A required non-empty string field. */
export function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === "") throw invalid(`${key} is required (a non-empty string)`);
  return value;
}

/** An optional finite number field within [min, max]. */
export function optionalNumber(
  body: Record<string, unknown>,
  key: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(`${key} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An optional boolean field. */
export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw invalid(`${key} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** An optional plain-object field. */
export function optionalObject(
  body: Record<string, unknown>,
  key: string,
): Record<string, unknown> | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(`${key} must be an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A query parameter as a non-negative integer, or `fallback` when absent. */
export function queryInteger(query: URLSearchParams, key: string, fallback: number, max: number): number {
  const raw = query.get(key);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw invalid(`query ${key} must be an integer from 0 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

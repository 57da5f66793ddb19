import type { JsonObject } from "../types/track.js";
import { ProtocolValidationError } from "./errors.js";

/** A plain JSON object (not null, not an array). */
export type Obj = Record<string, unknown>;

export const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

export function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function object(value: unknown, path: string): Obj {
  if (!isObject(value)) throw new ProtocolValidationError(path, value, "an object");
  return value;
}

export function string(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new ProtocolValidationError(join(path, key), v, "a string");
  return v;
}

export function nullableString(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") throw new ProtocolValidationError(join(path, key), v, "a string or null");
  return v;
}

export function boolean(o: Obj, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") throw new ProtocolValidationError(join(path, key), v, "a boolean");
  return v;
}

export function number(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ProtocolValidationError(join(path, key), v, "a finite number");
  }
  return v;
}

export function integer(o: Obj, key: string, path: string): number {
  const v = o[key];
  // Long values above 2^53 (a stream's Long.MAX_VALUE length) arrive as large doubles; still integers.
  if (typeof v !== "number" || !Number.isInteger(v))
    throw new ProtocolValidationError(join(path, key), v, "an integer");
  return v;
}

export function jsonObject(o: Obj, key: string, path: string): JsonObject {
  const v = o[key];
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new ProtocolValidationError(join(path, key), v, "an object");
  return v as JsonObject;
}

export function array(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new ProtocolValidationError(join(path, key), v, "an array");
  return v;
}

export function oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    throw new ProtocolValidationError(
      join(path, key),
      v,
      `one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
  }
  return v as T;
}

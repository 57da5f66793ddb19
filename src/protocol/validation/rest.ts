import type { ErrorResponse, NodeInfo } from "../types/rest.js";
import { array, integer, isObject, join, object, string } from "./guards.js";

/** True when a value has the shape of Lavalink's REST error body. */
export function isErrorResponse(value: unknown): value is ErrorResponse {
  return (
    isObject(value) &&
    typeof value.status === "number" &&
    typeof value.message === "string" &&
    typeof value.path === "string" &&
    typeof value.timestamp === "number"
  );
}

/** Checks a `GET /v4/info` answer (the fields a client relies on). */
export function validateNodeInfo(value: unknown, path = ""): NodeInfo {
  const o = object(value, path);
  const version = object(o.version, join(path, "version"));
  string(version, "semver", join(path, "version"));
  integer(version, "major", join(path, "version"));
  array(o, "sourceManagers", path);
  array(o, "filters", path);
  array(o, "plugins", path);
  return o as unknown as NodeInfo;
}

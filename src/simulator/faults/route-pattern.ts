import { FaultError } from "./errors.js";

/** A compiled `route` filter: method (or any) and a path where `*` matches exactly one segment. */
export interface RoutePattern {
  readonly source: string;
  matches(method: string, path: string): boolean;
}

const METHOD = /^[A-Z]+$|^\*$/;

/** Compiles `"PATCH /v4/sessions/*\/players/*"`, `"/v4/loadtracks"` or `"* /v4/*"`. */
export function compileRoute(source: string): RoutePattern {
  const text = source.trim();
  const space = text.indexOf(" ");
  const method = space === -1 ? "*" : text.slice(0, space).toUpperCase();
  const path = space === -1 ? text : text.slice(space + 1).trim();
  if (!METHOD.test(method) || !path.startsWith("/")) {
    throw new FaultError(
      "FAULT_INVALID",
      `route ${JSON.stringify(source)} is not "METHOD /path" or "/path" (use * for one path segment)`,
    );
  }
  const pattern = path
    .split("/")
    .map((part) => (part === "*" ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  const regex = new RegExp(`^${pattern}$`);
  return {
    source: text,
    matches: (m, p) => (method === "*" || method === m) && regex.test(p),
  };
}

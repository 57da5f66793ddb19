import { isIP } from "node:net";
import { jsonBody, type RestRequest, type RestResult } from "./context.js";
import { HttpError } from "./http-error.js";
import { isObject } from "./is-object.js";

/**
 * `/version` returns a String: plain text for any Accept (StringHttpMessageConverter comes first), but a
 * client that accepts only JSON gets it through the kotlinx converter, as a JSON string.
 */
export const getVersion = (req: RestRequest): RestResult =>
  acceptsOnlyJson(req.accept)
    ? { status: 200, json: req.env.version }
    : { status: 200, text: req.env.version };

function acceptsOnlyJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const types = accept.split(",").map((t) => (t.split(";")[0] ?? "").trim().toLowerCase());
  return (
    types.length > 0 && types.every((t) => t === "application/json" || /^application\/[^/]+\+json$/.test(t))
  );
}
export const getInfo = (req: RestRequest): RestResult => ({ status: 200, json: req.env.info() });
export const getStats = (req: RestRequest): RestResult => ({ status: 200, json: req.env.stats() });

export function routePlannerStatus(req: RestRequest): RestResult {
  const planner = req.env.routePlanner;
  return planner === null ? { status: 204 } : { status: 200, json: planner };
}

function requirePlanner(req: RestRequest) {
  const planner = req.env.routePlanner;
  if (planner === null) throw new HttpError(500, "Can't access disabled route planner");
  return planner;
}

export function freeAddress(req: RestRequest): RestResult {
  const planner = requirePlanner(req);
  const body = jsonBody(req);
  if (!isObject(body) || typeof body.address !== "string") {
    throw new HttpError(
      400,
      "Failed to read request",
      "org.springframework.http.converter.HttpMessageNotReadableException",
    );
  }
  const address = body.address;
  if (isIP(address) === 0 && !/^[a-zA-Z0-9.-]+$/.test(address)) {
    throw new HttpError(
      400,
      `Invalid address: ${address}: Name or service not known`,
      "java.net.UnknownHostException",
    );
  }
  if (planner.details !== null) {
    planner.details.failingAddresses = planner.details.failingAddresses.filter(
      (f) => f.failingAddress !== address && f.failingAddress !== `/${address}`,
    );
  }
  return { status: 204 };
}

export function freeAll(req: RestRequest): RestResult {
  const planner = requirePlanner(req);
  if (planner.details !== null) planner.details.failingAddresses = [];
  return { status: 204 };
}

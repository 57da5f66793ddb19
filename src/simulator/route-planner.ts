import { isIP } from "node:net";
import type { RoutePlannerStatus, RoutePlannerType } from "../protocol/index.js";
import { SimulatorError } from "./errors.js";

/** The route planner classes Lavalink can run (`lavalink.server.ratelimit.strategy`). */
export const ROUTE_PLANNER_TYPES: readonly RoutePlannerType[] = Object.freeze([
  "RotatingIpRoutePlanner",
  "NanoIpRoutePlanner",
  "RotatingNanoIpRoutePlanner",
  "BalancingIpRoutePlanner",
]);

/**
 * A fresh route planner status as Lavalink reports one right after start: the class, its IP block
 * (`cidr`, e.g. `2001:db8::/64` or `203.0.113.0/24`), no failing address yet, and the index fields
 * that class reports (RoutePlannerStatus.kt: rotating planners report rotate/IP indexes and the
 * current address, nano planners the current address index, the rotating nano one its block index).
 */
export function simulatedRoutePlanner(type: RoutePlannerType, cidr = "2001:db8::/64"): RoutePlannerStatus {
  if (!ROUTE_PLANNER_TYPES.includes(type)) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `route planner must be one of ${ROUTE_PLANNER_TYPES.join(", ")}, got ${JSON.stringify(type)}`,
    );
  }
  const match = /^(.+)\/(\d{1,3})$/.exec(cidr);
  const family = match === null ? 0 : isIP(match[1] ?? "");
  const bits = family === 6 ? 128 : 32;
  const prefix = Number(match?.[2]);
  if (match === null || family === 0 || prefix > bits) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `route planner IP block must be a CIDR block, got ${JSON.stringify(cidr)}`,
    );
  }
  const ipBlock = {
    type: family === 6 ? ("Inet6Address" as const) : ("Inet4Address" as const),
    size: (2n ** BigInt(bits - prefix)).toString(),
  };
  const base = match[1] as string;
  const details = { ipBlock, failingAddresses: [] };
  switch (type) {
    case "RotatingIpRoutePlanner":
      return { class: type, details: { ...details, rotateIndex: "0", ipIndex: "0", currentAddress: base } };
    case "NanoIpRoutePlanner":
      return { class: type, details: { ...details, currentAddressIndex: "0" } };
    case "RotatingNanoIpRoutePlanner":
      return { class: type, details: { ...details, blockIndex: "0", currentAddressIndex: "0" } };
    case "BalancingIpRoutePlanner":
      return { class: type, details };
  }
}

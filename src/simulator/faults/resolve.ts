import type { FaultDirection, FaultScope } from "./common.js";
import type { FaultTypeModule } from "./fault-type.js";
import { FAULT_TYPE_NAMES, type FaultSpec, faultTypeOf } from "./registry.js";
import { compileRoute, type RoutePattern } from "./route-pattern.js";
import { SpecChecks } from "./spec-checks.js";
import type { Fault } from "./types.js";

/** A registered fault: the spec it was given, every default filled in, its type and compiled route. */
export interface ResolvedFault {
  /** The spec as given (with its id), which {@link FaultController.update} changes and resolves again. */
  readonly spec: FaultSpec;
  readonly fault: Fault;
  readonly type: FaultTypeModule<FaultSpec>;
  readonly route: RoutePattern | undefined;
}

/**
 * Validates a spec and fills in every default: the attributes every fault shares here, the
 * type's own in its module. Throws {@link FaultError} `FAULT_INVALID`.
 */
export function resolveFault(spec: FaultSpec, id: string): ResolvedFault {
  const check: SpecChecks = new SpecChecks(id);
  if (typeof spec !== "object" || spec === null) check.fail(`expected an object, got ${String(spec)}`);
  const type = faultTypeOf(spec.type);
  if (type === undefined) {
    check.fail(`unknown type ${JSON.stringify(spec.type)}; one of ${FAULT_TYPE_NAMES.join(", ")}`);
  }
  check.number("toxicity", spec.toxicity, 0, 1);
  const direction: FaultDirection = spec.direction ?? type.defaultDirection ?? "downstream";
  if (!["upstream", "downstream", "both"].includes(direction)) {
    check.fail(`direction must be "upstream", "downstream" or "both", got ${String(spec.direction)}`);
  }
  if (spec.scope !== undefined && !["ws", "rest", "both"].includes(spec.scope)) {
    check.fail(`scope must be "ws", "rest" or "both", got ${String(spec.scope)}`);
  }
  if (spec.sessionId !== undefined && (typeof spec.sessionId !== "string" || spec.sessionId === "")) {
    check.fail(`sessionId must be a non-empty string, got ${String(spec.sessionId)}`);
  }
  if (spec.times !== undefined && !(Number.isSafeInteger(spec.times) && spec.times >= 1)) {
    check.fail(`times must be a whole number ≥ 1, got ${String(spec.times)}`);
  }
  const route = spec.route === undefined ? undefined : compileRoute(spec.route);
  const fixed = type.fixedScope;
  if (fixed !== undefined && spec.scope !== undefined && spec.scope !== fixed && spec.scope !== "both") {
    check.fail(
      `a ${spec.type} fault only applies to scope "${fixed}", got scope ${JSON.stringify(spec.scope)}`,
    );
  }
  if (route !== undefined && fixed === "ws") {
    check.fail(`a ${spec.type} fault acts on WebSocket frames and cannot take a REST route`);
  }
  const scope: FaultScope = route !== undefined ? "rest" : (fixed ?? spec.scope ?? "both");
  type.validate(spec, check);
  const fault = { ...spec, id, toxicity: spec.toxicity ?? 1, direction, scope } as Fault;
  return { spec: { ...spec }, fault, type, route };
}

import { FaultError } from "../../faults/errors.js";
import type { KnobOptions } from "../../faults/knobs.js";
import type { FaultSpec } from "../../faults/registry.js";
import { faultTypeOf } from "../../faults/registry.js";
import type { FaultChanges, FaultKnobs } from "../../faults/types.js";
import { objectBody, onlyKeys } from "../input.js";
import { type ControlResult, invalid } from "../reply.js";
import type { ControlRequest } from "./context.js";

const COMMON_KEYS = ["id", "type", "toxicity", "direction", "scope", "sessionId", "route"];

/** Refuses attributes the fault's type does not have: `toxcity` must not pass silently. */
function checkKeys(spec: Record<string, unknown>, typeName: unknown): void {
  const type = faultTypeOf(typeName);
  // An unknown type is left to the fault validation, which lists the known ones.
  if (type === undefined) return;
  onlyKeys(spec, [...COMMON_KEYS, ...Object.keys(type.attributes)]);
}

/** `GET /_sonora/faults` */
export function listFaults({ target }: ControlRequest): ControlResult {
  return { status: 200, json: target.faults.list() };
}

/** `POST /_sonora/faults` with a fault spec, exactly as `sim.faults.add` takes it. */
export function addFault({ target, node, body }: ControlRequest): ControlResult {
  const spec = objectBody(body);
  checkKeys(spec, spec.type);
  const fault = target.faults.add(spec as unknown as FaultSpec);
  node.changed();
  return { status: 201, json: fault };
}

/** `PATCH /_sonora/faults/:id` with changes, as `sim.faults.update` takes them. */
export function updateFault({ target, node, params, body }: ControlRequest): ControlResult {
  const id = params.id ?? "";
  const changes = objectBody(body);
  checkKeys(changes, target.faults.get(id)?.type);
  const fault = target.faults.update(id, changes as FaultChanges);
  node.changed();
  return { status: 200, json: fault };
}

/** `DELETE /_sonora/faults/:id` */
export function removeFault({ target, node, params }: ControlRequest): ControlResult {
  const id = params.id ?? "";
  if (!target.faults.remove(id)) {
    throw new FaultError(
      "FAULT_UNKNOWN_ID",
      `no fault has id ${JSON.stringify(id)}; GET /_sonora/faults lists them`,
    );
  }
  node.changed();
  return { status: 204 };
}

/** `DELETE /_sonora/faults`: removes every fault. */
export function clearFaults({ target, node }: ControlRequest): ControlResult {
  target.faults.clear();
  node.changed();
  return { status: 204 };
}

/** `PUT /_sonora/faults/knobs` `{ packetLoss?, latencySpike?, connectionDrop?, baseLatency? }` */
export function setKnobs({ target, node, body }: ControlRequest): ControlResult {
  const knobs = objectBody(body);
  if (Object.keys(knobs).length === 0) {
    throw invalid("give at least one knob: packetLoss, latencySpike, connectionDrop (0..1)");
  }
  const faults = target.faults.enable(knobs as FaultKnobs & KnobOptions);
  node.changed();
  return { status: 200, json: faults };
}

import { FaultError } from "./errors.js";
import type { AttributeKind, CommonAttributes } from "./fault-type.js";
import type { KnobOptions } from "./knobs.js";
import { type FaultSpec, TYPE_ATTRIBUTES } from "./registry.js";
import { resolveFault } from "./resolve.js";
import type { FaultKnobs } from "./types.js";

/** What one `--fault` flag asks for: a knob setting or a fault of its own. */
export type FaultFlag =
  | { kind: "knobs"; knobs: FaultKnobs & KnobOptions }
  | { kind: "fault"; spec: FaultSpec };

const KNOBS = new Set(["packetLoss", "latencySpike", "connectionDrop", "baseLatency"]);

/** The attributes every fault shares, as a flag writes them; each type's own come from its module. */
const COMMON: CommonAttributes = {
  id: "string",
  toxicity: "number",
  direction: "string",
  scope: "string",
  sessionId: "string",
  route: "string",
  times: "number",
};
const COMMON_ATTRIBUTES: ReadonlyMap<string, AttributeKind> = new Map(Object.entries(COMMON));

function bad(text: string, what: string): never {
  throw new FaultError(
    "FAULT_INVALID",
    `--fault ${JSON.stringify(text)}: ${what} (examples: latencySpike=0.1, rest-error:status=503,toxicity=0.2)`,
  );
}

function toNumber(text: string, key: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n))
    bad(text, `${key} must be a number, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Parses one `--fault` flag of `sonora sim`: a knob (`latencySpike=0.1`, `packetLoss=0.05`,
 * `connectionDrop=0.02`, `baseLatency=10`) or a fault `type:key=value,key=value` such as
 * `rest-error:status=503,toxicity=0.2,route=PATCH /v4/sessions/*\/players/*`. The fault is
 * validated here, so a bad flag fails before the node starts. Throws {@link FaultError}.
 */
export function parseFaultFlag(text: string): FaultFlag {
  const trimmed = text.trim();
  if (trimmed === "") bad(text, "empty");
  const knob = /^([A-Za-z]+)=(.*)$/.exec(trimmed);
  if (knob !== null && KNOBS.has(knob[1] ?? "")) {
    const key = knob[1] as keyof (FaultKnobs & KnobOptions);
    return { kind: "knobs", knobs: { [key]: toNumber(text, key, knob[2] ?? "") } };
  }
  const colon = trimmed.indexOf(":");
  const type = colon === -1 ? trimmed : trimmed.slice(0, colon);
  if (!/^[a-z-]+$/.test(type))
    bad(text, `expected a knob (name=probability) or a fault type, got ${JSON.stringify(type)}`);
  const spec: Record<string, unknown> = { type };
  const rest = colon === -1 ? "" : trimmed.slice(colon + 1);
  for (const pair of rest === "" ? [] : rest.split(",")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) bad(text, `expected key=value, got ${JSON.stringify(pair)}`);
    const key = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    if (key in spec) bad(text, `${key} given twice`);
    // Any type's attribute is read (and, as on `add`, one the type does not know is ignored).
    const kind = COMMON_ATTRIBUTES.get(key) ?? TYPE_ATTRIBUTES.get(key);
    if (kind === "number") spec[key] = toNumber(text, key, raw);
    else if (kind === "string") spec[key] = raw;
    else if (kind === "boolean") {
      if (raw !== "true" && raw !== "false")
        bad(text, `${key} must be true or false, got ${JSON.stringify(raw)}`);
      spec[key] = raw === "true";
    } else bad(text, `unknown attribute ${JSON.stringify(key)}`);
  }
  const faultSpec = spec as unknown as FaultSpec;
  resolveFault(faultSpec, faultSpec.id ?? "--fault");
  return { kind: "fault", spec: faultSpec };
}

import type { ExceptionSeverity } from "../../../protocol/index.js";
import { objectBody, onlyKeys, optionalBoolean, optionalNumber, optionalString } from "../input.js";
import { type ControlResult, invalid } from "../reply.js";
import type { ControlRequest } from "./context.js";

/** Only the fields that were given, so the fault controller's defaults apply to the rest. */
function given<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** `POST /_sonora/players/:guildId/voice-close` `{ sessionId?, code?, reason?, byRemote? }` */
export function voiceClose({ target, node, params, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["sessionId", "code", "reason", "byRemote"]);
  target.faults.voiceClose(
    params.guildId ?? "",
    given({
      sessionId: optionalString(input, "sessionId"),
      code: optionalNumber(input, "code", 0, 65535),
      reason: optionalString(input, "reason"),
      byRemote: optionalBoolean(input, "byRemote"),
    }),
  );
  node.changed();
  return { status: 204 };
}

/** `POST /_sonora/players/:guildId/track-exception` `{ sessionId?, message?, severity?, cause? }` */
export function trackException({ target, node, params, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["sessionId", "message", "severity", "cause"]);
  const severity = optionalString(input, "severity");
  if (severity !== undefined && !["common", "suspicious", "fault"].includes(severity)) {
    throw invalid(`severity must be "common", "suspicious" or "fault", got ${JSON.stringify(severity)}`);
  }
  target.faults.trackException(
    params.guildId ?? "",
    given({
      sessionId: optionalString(input, "sessionId"),
      message: optionalString(input, "message"),
      severity: severity as ExceptionSeverity | undefined,
      cause: optionalString(input, "cause"),
    }),
  );
  node.changed();
  return { status: 204 };
}

/** `POST /_sonora/players/:guildId/track-stuck` `{ sessionId?, thresholdMs? }` */
export function trackStuck({ target, node, params, body }: ControlRequest): ControlResult {
  const input = objectBody(body);
  onlyKeys(input, ["sessionId", "thresholdMs"]);
  target.faults.trackStuck(
    params.guildId ?? "",
    optionalNumber(input, "thresholdMs", 0) ?? 10_000,
    given({ sessionId: optionalString(input, "sessionId") }),
  );
  node.changed();
  return { status: 204 };
}

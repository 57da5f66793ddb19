import { randomBytes } from "node:crypto";
import { SimulatorError } from "../errors.js";

/** The control API's settings, as the simulator's `control` option gives them. */
export interface ControlOptions {
  /**
   * The credential control requests must carry (as `Authorization: Bearer <token>`, the
   * `X-Sonora-Token` header or a `token` query parameter). Default: 32 random hex characters,
   * readable as `sim.controlToken`. Required off loopback.
   */
  token?: string;
}

/** The control API as resolved: off, or on with its token and whether the inspector page is served. */
export interface ResolvedControl {
  readonly token: string;
  readonly inspect: boolean;
}

/** Applies defaults to the `control` and `inspect` options; `null` when the control API is off. */
export function resolveControl(
  control: boolean | ControlOptions | undefined,
  inspect: boolean | undefined,
): ResolvedControl | null {
  if (inspect !== undefined && typeof inspect !== "boolean") {
    throw new SimulatorError("SIM_INVALID_OPTION", `inspect must be a boolean, got ${String(inspect)}`);
  }
  if (control === false) {
    if (inspect === true) {
      throw new SimulatorError(
        "SIM_INVALID_OPTION",
        "inspect: true needs the control API (the page works through it); drop control: false",
      );
    }
    return null;
  }
  if (control === undefined && inspect !== true) return null;
  if (control !== undefined && control !== true && (typeof control !== "object" || control === null)) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      `control must be a boolean or { token }, got ${String(control)}`,
    );
  }
  const token = typeof control === "object" ? control.token : undefined;
  if (token !== undefined && (typeof token !== "string" || !/^[\x21-\x7e]{16,256}$/.test(token))) {
    throw new SimulatorError(
      "SIM_INVALID_OPTION",
      "control.token must be 16 to 256 printable ASCII characters without spaces (it is a credential)",
    );
  }
  return { token: token ?? randomBytes(16).toString("hex"), inspect: inspect === true };
}

/** True when the token was chosen by the caller rather than generated (needed off loopback). */
export function hasExplicitToken(control: boolean | ControlOptions | undefined): boolean {
  return typeof control === "object" && control !== null && control.token !== undefined;
}

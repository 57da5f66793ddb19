import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A step of `sonora demo` did not happen as scripted (the node never resumed, autoplay found
 * nothing, …). `step` names the step; `cause` holds the underlying error when there was one.
 */
export class DemoError extends SonoraError {
  /** Stable code for programs. */
  readonly code = "DEMO_FAILED";

  constructor(
    /** The step that failed, e.g. "resume the session". */
    readonly step: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`demo step "${step}" failed: ${detail}`, options);
  }
}

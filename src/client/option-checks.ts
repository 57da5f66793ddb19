import { isRandomInput } from "../base/random-source.js";
import { SEARCH_PREFIXES, type SearchSource } from "../protocol/index.js";
import { InvalidOptionError } from "./errors/invalid-option-error.js";

/**
 * Type checks of the client's and nodes' options, run once in the constructor. TypeScript callers
 * get these from the types already; JavaScript callers and config files (strings from env vars,
 * `"yes"` for a boolean) otherwise fail much later with an unrelated error, or never.
 */

const CLOCK_METHODS = ["now", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalObject(option: string, value: unknown, expected: string): void {
  if (value !== undefined && !isPlainObject(value)) throw new InvalidOptionError(option, value, expected);
}

function optionalFunction(option: string, value: unknown, expected: string): void {
  if (value !== undefined && typeof value !== "function")
    throw new InvalidOptionError(option, value, expected);
}

/** `resume` may be `false` or `{ timeout?: seconds }`. */
function checkResume(option: string, value: unknown): void {
  if (value === undefined || value === false) return;
  if (!isPlainObject(value)) throw new InvalidOptionError(option, value, "false or { timeout: seconds }");
  checkResumeTimeout(`${option}.timeout`, value.timeout);
}

/**
 * Lavalink reads the session timeout as a whole number of seconds (a Kotlin `Long`); a fraction is
 * answered with 400, which would leave resuming silently off, so it is refused here.
 */
export function checkResumeTimeout(option: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidOptionError(option, value, "a whole number of seconds ≥ 1");
  }
}

function checkRest(option: string, value: unknown): void {
  optionalObject(option, value, "an object { timeout?, retry?, maxResponseBytes? }");
  if (value === undefined) return;
  const rest = value as Record<string, unknown>;
  optionalObject(`${option}.retry`, rest.retry, "an object { maxRetries?, backoff?, baseDelay?, … }");
}

/** Checks the types of the client-wide options (values are checked where they are resolved). */
export function checkClientOptions(options: unknown): void {
  if (!isPlainObject(options)) throw new InvalidOptionError("options", options, "an object");
  optionalFunction("send", options.send, "a function (guildId, payload) => void");
  if (options.random !== undefined && !isRandomInput(options.random)) {
    throw new InvalidOptionError(
      "random",
      options.random,
      "a function returning a number in [0, 1), or a RandomSource { next(): number }",
    );
  }
  optionalObject("reconnect", options.reconnect, "an object { maxRetries?, backoff?, baseDelay?, … }");
  checkResume("resume", options.resume);
  checkRest("rest", options.rest);
  const clock = options.clock;
  if (clock !== undefined) {
    const missing =
      typeof clock === "object" && clock !== null
        ? CLOCK_METHODS.filter((m) => typeof (clock as Record<string, unknown>)[m] !== "function")
        : CLOCK_METHODS;
    if (missing.length > 0) {
      throw new InvalidOptionError(
        "clock",
        clock,
        `a Clock (RealClock, VirtualClock or an object with ${CLOCK_METHODS.join(", ")}); missing ${missing.join(", ")}`,
      );
    }
  }
}

/** Checks the optional fields of one node's options (host, port and password: `checkNodeOptions`). */
export function checkNodeOptionTypes(node: Record<string, unknown>, index: number): void {
  const at = `nodes[${index}]`;
  if (node.secure !== undefined && typeof node.secure !== "boolean") {
    throw new InvalidOptionError(`${at}.secure`, node.secure, "true or false");
  }
  if (node.name !== undefined && (typeof node.name !== "string" || node.name.length === 0)) {
    throw new InvalidOptionError(`${at}.name`, node.name, "a non-empty string");
  }
  if (node.region !== undefined && typeof node.region !== "string") {
    throw new InvalidOptionError(`${at}.region`, node.region, "a string");
  }
  optionalObject(`${at}.reconnect`, node.reconnect, "an object { maxRetries?, backoff?, baseDelay?, … }");
  checkResume(`${at}.resume`, node.resume);
  checkRest(`${at}.rest`, node.rest);
}

/** Checks what `client.load` is given: a non-blank string. */
export function checkIdentifier(option: string, value: unknown): string {
  if (typeof value !== "string" || value.trim().length === 0) {
    throw new InvalidOptionError(option, value, "a non-empty string (a URL, an identifier or a search)");
  }
  return value;
}

/** Checks a search source name against {@link SEARCH_PREFIXES}. */
export function checkSearchSource(value: unknown): SearchSource {
  if (typeof value !== "string" || !Object.hasOwn(SEARCH_PREFIXES, value)) {
    throw new InvalidOptionError("source", value, `one of ${Object.keys(SEARCH_PREFIXES).join(", ")}`);
  }
  return value as SearchSource;
}

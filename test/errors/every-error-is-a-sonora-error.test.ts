import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as demoErrors from "../../src/cli/demo/errors.js";
import * as cliErrors from "../../src/cli/errors.js";
import * as sonora from "../../src/index.js";
import { SONORA_ERROR_CODES, SonoraError, type SonoraErrorCode } from "../../src/index.js";
import { parseIncomingMessage } from "../../src/protocol/validation/incoming.js";
import * as redisEntry from "../../src/redis/index.js";
import * as testing from "../../src/testing/index.js";
import * as nodeAdapter from "../../src/testing/node.js";
import * as vitestAdapter from "../../src/testing/vitest.js";

/**
 * The modules whose errors reach users: the four entry points, plus the CLI's `DemoError` (not an
 * entry point, but `runDemo` rejects with it and `sonora demo` prints it).
 */
const MODULES = {
  sonora,
  "sonora/testing": testing,
  "sonora/testing/vitest": vitestAdapter,
  "sonora/testing/node": nodeAdapter,
  "sonora/redis": redisEntry,
  "src/cli/demo/errors": demoErrors,
  "src/cli/errors": cliErrors,
} as const;

type AnyClass = abstract new (...args: never[]) => unknown;
type Modules = typeof sonora &
  typeof testing &
  typeof vitestAdapter &
  typeof nodeAdapter &
  typeof redisEntry &
  typeof demoErrors &
  typeof cliErrors;
/** Names of the exports that are error classes (computed from the modules' types, not listed by hand). */
type ErrorClassName = {
  [K in keyof Modules]: Modules[K] extends abstract new (...args: never[]) => Error ? K : never;
}[keyof Modules];
type ArgsOf<C> = C extends abstract new (...args: infer A) => unknown ? A : never;

/**
 * Arguments to build one of each exported error class (`SonoraError` itself is abstract). Typed from
 * the exports: a new exported error class is a compile error here until it gets an entry, and the
 * runtime check below fails with its name.
 */
const SAMPLE_ARGS: { [K in Exclude<ErrorClassName, "SonoraError">]: ArgsOf<Modules[K]> } = {
  // protocol
  ProtocolValidationError: ["op", 1, "a string"],
  TrackDecodeError: ["empty", 0, "the header declares an empty message"],
  TrackEncodeError: ["missing-field", "title", undefined, "is missing"],
  // client
  ClientStateError: ["the client is closed"],
  EventTimeoutError: ["nodeReady", 30_000],
  InvalidGuildIdError: ["12a"],
  InvalidOptionError: ["nodes", [], "a non-empty array"],
  LavalinkRestError: ["GET", "/v4/info", 500, null, "main"],
  NoNodesAvailableError: ["no node is ready"],
  NodeAuthError: ["main", 401],
  NodeUnavailableError: ["main", "connection refused"],
  RequestTimeoutError: ["GET", "/v4/info", 1000, "main"],
  ResponseTooLargeError: ["GET", "/v4/loadtracks", 1024, "main"],
  SessionUnavailableError: ["main", "the session did not come back"],
  VoiceNotConfiguredError: ["1"],
  PluginUnavailableError: ["main", "lavalyrics-plugin", "load lyrics"],
  // queue
  InvalidTrackError: [null, "queue.add"],
  QueueFullError: [1, 1, 1],
  QueueIndexError: [5, 1, "remove(index)"],
  QueueOptionError: ["maxSize", -1, "an integer ≥ 0"],
  // filters
  FilterValidationError: ["timescale.speed", -1, "a number > 0"],
  // store
  StoreCorruptError: ["store.wal line 3", "checksum mismatch"],
  StoreSchemaError: ["store.wal line 1", 9, 1],
  StoreWriteError: ["file", "disk full"],
  StoreLeaseLostError: [0],
  StoreLockedError: [
    "/tmp/store/default.lock",
    { pid: 42, hostname: "bot-1", since: "2026-12-03T00:00:00.000Z" },
  ],
  StoreLeaseHeldError: ["shard 0", "shards-0/host/42/ab12cd34", 20_000],
  StoreUnavailableError: ["redis", "connect ECONNREFUSED 127.0.0.1:6379"],
  // autoplay
  AutoplayConfigError: ["strategy", "x", "one of the strategies"],
  AutoplaySearchError: [["youtube:q"], new Error("down")],
  // simulator, faults, catalog, mock
  SimulatorError: ["SIM_NOT_STARTED", "not running"],
  FaultError: ["FAULT_INVALID", "bad fault"],
  CatalogError: ["seed", Number.NaN, "a finite number or a string"],
  MockFactoryError: ["trackCount", -1, "an integer ≥ 0"],
  // testing
  TestingError: ["TEST_DISPOSED", "disposed"],
  WaitTimeoutError: ["trackEnd", 10, []],
  // clock and random
  ClockError: ["bad delay"],
  RandomError: ["bad seed"],
  // cli
  DemoError: ["resume", "no track"],
  CliUsageError: ['--port must be a number, got "x"'],
};

/** Every exported value whose prototype chain includes Error, once each, with where it was found. */
function exportedErrorClasses(): Map<AnyClass, string> {
  const found = new Map<AnyClass, string>();
  for (const [moduleName, namespace] of Object.entries(MODULES)) {
    for (const [exportName, value] of Object.entries(namespace)) {
      if (typeof value !== "function") continue;
      const prototype: unknown = value.prototype;
      if (prototype !== Error.prototype && !(prototype instanceof Error)) continue;
      if (!found.has(value as AnyClass)) found.set(value as AnyClass, `${moduleName}: ${exportName}`);
    }
  }
  return found;
}

const CODES: ReadonlySet<string> = new Set(SONORA_ERROR_CODES);

describe("every error Sonora throws is a SonoraError with a listed code", () => {
  const classes = exportedErrorClasses();

  it("finds the error classes by reflection", () => {
    // A sanity floor: reflection that finds nothing would make every check below pass vacuously.
    expect(classes.size).toBeGreaterThanOrEqual(Object.keys(SAMPLE_ARGS).length + 1);
    expect(classes.has(SonoraError as unknown as AnyClass)).toBe(true);
  });

  it("every exported error class extends SonoraError", () => {
    const outsiders = [...classes]
      .filter(
        ([cls]) => cls !== (SonoraError as unknown as AnyClass) && !(cls.prototype instanceof SonoraError),
      )
      .map(([, where]) => where);
    expect(outsiders).toEqual([]);
  });

  it("every exported error class builds an error with the right name and a listed code", () => {
    const samples: Record<string, readonly unknown[]> = SAMPLE_ARGS;
    for (const [cls, where] of classes) {
      if (cls === (SonoraError as unknown as AnyClass)) continue;
      const args = samples[cls.name];
      expect(args, `${where}: add constructor arguments for ${cls.name} to SAMPLE_ARGS`).toBeDefined();
      const error = new (cls as unknown as new (...a: readonly unknown[]) => SonoraError)(...(args ?? []));
      expect(error, where).toBeInstanceOf(SonoraError);
      expect(error, where).toBeInstanceOf(Error);
      expect(error.name, where).toBe(cls.name);
      expect(error.message, where).not.toBe("");
      expect(CODES.has(error.code), `${where}: code ${String(error.code)} is not in SONORA_ERROR_CODES`).toBe(
        true,
      );
    }
  });

  it("keeps `cause` when an error wraps another", () => {
    const validation = new sonora.ProtocolValidationError("filters.timescale.speed", -1, "a number > 0");
    const wrapped = sonora.FilterValidationError.from(validation);
    expect(wrapped.cause).toBe(validation);
    expect(wrapped.field).toBe("timescale.speed");
    let parseError: unknown;
    try {
      parseIncomingMessage("{not json");
    } catch (error) {
      parseError = error;
    }
    expect(parseError).toBeInstanceOf(sonora.ProtocolValidationError);
    expect((parseError as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe("the code list", () => {
  it("has no duplicates", () => {
    expect(new Set(SONORA_ERROR_CODES).size).toBe(SONORA_ERROR_CODES.length);
  });

  it("holds only UPPER_SNAKE_CASE codes", () => {
    for (const code of SONORA_ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it("supports one exhaustive catch/switch over every code (checked by the compiler)", () => {
    // Compiles only while the switch covers SonoraErrorCode exactly: a new code fails `never` below.
    function area(code: SonoraErrorCode): string {
      switch (code) {
        case "PROTOCOL_VALIDATION":
        case "TRACK_DECODE":
        case "TRACK_ENCODE":
          return "protocol";
        case "CLIENT_STATE":
        case "INVALID_GUILD_ID":
        case "INVALID_OPTION":
        case "LAVALINK_REST":
        case "NO_NODES_AVAILABLE":
        case "NODE_AUTH":
        case "NODE_UNAVAILABLE":
        case "REQUEST_TIMEOUT":
        case "RESPONSE_TOO_LARGE":
        case "EVENT_TIMEOUT":
        case "SESSION_UNAVAILABLE":
        case "VOICE_NOT_CONFIGURED":
        case "PLUGIN_UNAVAILABLE":
          return "client";
        case "INVALID_TRACK":
        case "QUEUE_FULL":
        case "QUEUE_INDEX":
        case "QUEUE_OPTION":
          return "queue";
        case "FILTER_VALIDATION":
          return "filters";
        case "AUTOPLAY_CONFIG":
        case "AUTOPLAY_SEARCH":
          return "autoplay";
        case "SIM_ALREADY_STARTED":
        case "SIM_NOT_STARTED":
        case "SIM_INSECURE_BIND":
        case "SIM_INVALID_OPTION":
        case "SIM_LISTEN_FAILED":
        case "SIM_UNKNOWN_SESSION":
        case "SIM_UNKNOWN_PLAYER":
        case "SIM_INVALID_RECORDING":
        case "SIM_CONTROL_INVALID":
        case "SIM_CONTROL_UNAUTHORIZED":
        case "SIM_CONTROL_NOT_FOUND":
          return "simulator";
        case "FAULT_INVALID":
        case "FAULT_DUPLICATE_ID":
        case "FAULT_UNKNOWN_ID":
        case "FAULT_NO_TRACK":
          return "faults";
        case "CATALOG":
          return "catalog";
        case "MOCK_FACTORY":
          return "mock";
        case "TEST_INVALID_OPTION":
        case "TEST_DISPOSED":
        case "WAIT_TIMEOUT":
          return "testing";
        case "CLOCK":
        case "RANDOM":
          return "clock/random";
        case "DEMO_FAILED":
        case "CLI_USAGE":
          return "cli";
        case "STORE_CORRUPT":
        case "STORE_SCHEMA":
        case "STORE_WRITE":
        case "STORE_LEASE_LOST":
        case "STORE_LOCKED":
        case "STORE_LEASE_HELD":
        case "STORE_UNAVAILABLE":
          return "store";
        default: {
          const unhandled: never = code;
          return unhandled;
        }
      }
    }
    function describeFailure(run: () => void): string {
      try {
        run();
        return "ok";
      } catch (e) {
        if (e instanceof SonoraError) return `${area(e.code)}: ${e.code}`;
        throw e;
      }
    }
    expect(describeFailure(() => new sonora.VirtualClock().setTimeout(() => {}, -1))).toBe(
      "clock/random: CLOCK",
    );
    expect(describeFailure(() => sonora.decodeTrack("@@@@"))).toBe("protocol: TRACK_DECODE");
    for (const code of SONORA_ERROR_CODES) expect(area(code)).not.toBe("");
  });
});

describe("no error class in src escapes the family", () => {
  /** Classes allowed to extend Error directly: the base, and internal errors that never reach users. */
  const DIRECT_ERROR_SUBCLASSES = ["AttemptError", "HttpError", "SonoraError"];

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith(".ts") ? [path] : [];
    });
  }

  it("only SonoraError and the documented internal errors extend a built-in error", () => {
    const root = join(import.meta.dirname, "../../src");
    const direct: string[] = [];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/class (\w+) extends (\w*Error)\b/g)) {
        const [, name, base] = match;
        if (base === "Error" || base === "TypeError" || base === "RangeError" || base === "AggregateError") {
          direct.push(name as string);
          if (name !== "SonoraError") {
            // Each internal exception says why it may stay outside the family.
            expect(text, `${relative(root, file)}: ${name}`).toMatch(/Internal, not a SonoraError/);
          }
        }
      }
    }
    expect(direct.sort()).toEqual(DIRECT_ERROR_SUBCLASSES);
  });
});

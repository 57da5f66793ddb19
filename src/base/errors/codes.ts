/**
 * Every stable `code` a {@link SonoraError} can carry, grouped by the area that throws it. This is
 * the one list: each error class narrows `code` to its own member(s), so adding a code here is the
 * only way to give an error a new one. Codes never change once released (programs match on them);
 * add, do not rename.
 */
export const SONORA_ERROR_CODES = [
  // protocol: boundary validation and the track codec
  "PROTOCOL_VALIDATION",
  "TRACK_DECODE",
  "TRACK_ENCODE",
  // client: nodes, REST, options, voice
  "CLIENT_STATE",
  "INVALID_GUILD_ID",
  "INVALID_OPTION",
  "LAVALINK_REST",
  "NO_NODES_AVAILABLE",
  "NODE_AUTH",
  "NODE_UNAVAILABLE",
  "REQUEST_TIMEOUT",
  "RESPONSE_TOO_LARGE",
  "EVENT_TIMEOUT",
  "SESSION_UNAVAILABLE",
  "VOICE_NOT_CONFIGURED",
  "PLUGIN_UNAVAILABLE",
  // queue
  "INVALID_TRACK",
  "QUEUE_FULL",
  "QUEUE_INDEX",
  "QUEUE_OPTION",
  // filters
  "FILTER_VALIDATION",
  // autoplay
  "AUTOPLAY_CONFIG",
  "AUTOPLAY_SEARCH",
  // simulator: misuse of the protocol simulator itself
  "SIM_ALREADY_STARTED",
  "SIM_NOT_STARTED",
  "SIM_INSECURE_BIND",
  "SIM_INVALID_OPTION",
  "SIM_LISTEN_FAILED",
  "SIM_UNKNOWN_SESSION",
  "SIM_UNKNOWN_PLAYER",
  "SIM_INVALID_RECORDING",
  "SIM_CONTROL_INVALID",
  "SIM_CONTROL_UNAUTHORIZED",
  "SIM_CONTROL_NOT_FOUND",
  // faults: misuse of the fault injection API
  "FAULT_INVALID",
  "FAULT_DUPLICATE_ID",
  "FAULT_UNKNOWN_ID",
  "FAULT_NO_TRACK",
  // catalog
  "CATALOG",
  // mock factory
  "MOCK_FACTORY",
  // testing kit
  "TEST_INVALID_OPTION",
  "TEST_DISPOSED",
  "WAIT_TIMEOUT",
  // clock and seeded random
  "CLOCK",
  "RANDOM",
  // cli
  "DEMO_FAILED",
  "CLI_USAGE",
  // store: durable players and queues (#14)
  "STORE_CORRUPT",
  "STORE_SCHEMA",
  "STORE_WRITE",
  "STORE_LEASE_LOST",
  "STORE_LOCKED",
  // store: Redis (sonora/redis)
  "STORE_LEASE_HELD",
  "STORE_UNAVAILABLE",
] as const;

/** A stable machine-readable error code: one of {@link SONORA_ERROR_CODES}. */
export type SonoraErrorCode = (typeof SONORA_ERROR_CODES)[number];

import { lazyInstance } from "../base/lazy-instance.js";
import { ProtocolSimulator } from "../simulator/index.js";

/**
 * The default simulator: `127.0.0.1:2333`, password `"test"`, real clock, seed 0 — what a bot's
 * default Lavalink configuration usually points at. It is built on first use, not at import (so
 * importing `sonora/testing` costs nothing), and nothing is opened until `start()`.
 */
export const protocolSimulator: ProtocolSimulator = lazyInstance(
  ProtocolSimulator.prototype,
  () => new ProtocolSimulator({ host: "127.0.0.1", port: 2333, password: "test" }),
);

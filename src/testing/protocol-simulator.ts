import { ProtocolSimulator } from "../simulator/index.js";

/**
 * The default simulator: `127.0.0.1:2333`, password `"test"`, real clock, seed 0 — what a bot's
 * default Lavalink configuration usually points at. Nothing is opened until `start()`.
 */
export const protocolSimulator = new ProtocolSimulator({ host: "127.0.0.1", port: 2333, password: "test" });

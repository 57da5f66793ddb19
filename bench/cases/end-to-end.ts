/**
 * `client/end-to-end`: the per-frame cost a bot pays, each client in its own process over a real
 * loopback WebSocket (the implementation lives in bench/e2e/, beside the child process it forks).
 */
export { cases, names } from "../e2e/end-to-end-report.js";

/**
 * Lifecycle of a node connection:
 * - `connecting`: first connection attempt in progress.
 * - `ready`: the node sent `ready`; players can be placed here.
 * - `reconnecting`: the socket dropped; retrying with backoff (the session may be resumed).
 * - `disconnected`: retries exhausted or the password was refused; players moved elsewhere.
 * - `destroyed`: closed by the client; terminal.
 */
export type NodeState = "connecting" | "ready" | "reconnecting" | "disconnected" | "destroyed";

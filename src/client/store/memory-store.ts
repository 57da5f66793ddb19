import { ClientStateError } from "../errors/client-state-error.js";
import { checkChanges } from "./changes.js";
import { checkScope, readStoredNode, readStoredPlayer, scopeOwns } from "./records.js";
import type {
  SonoraStore,
  StoreChange,
  StoreContents,
  StoredNode,
  StoredPlayer,
  StoreScope,
} from "./store.js";

/**
 * The default store: records in this process's memory. A restart loses them (today's behaviour
 * without a store), but a client closed without destroying its players leaves them here for the
 * next client given the same instance (tests, hot reloads). Records are copied in and out, so
 * nobody can change them behind the store's back.
 */
export class MemoryStore implements SonoraStore {
  /** Always `"memory"`. */
  readonly kind = "memory";
  private readonly players = new Map<string, StoredPlayer>();
  /** Node sessions per client id (they belong to one process). */
  private readonly nodes = new Map<string, Map<string, StoredNode>>();
  private scope: StoreScope | null = null;

  /** Opens the store for `scope` and returns copies of the records in it. */
  async open(scope: StoreScope): Promise<StoreContents> {
    this.scope = checkScope(scope);
    const players = [...this.players.values()]
      .filter((p) => scopeOwns(scope, p.guildId))
      .map((p) => readStoredPlayer(structuredClone(p), `memory:player:${p.guildId}`));
    const nodes = [...(this.nodes.get(scope.clientId)?.values() ?? [])].map((n) =>
      readStoredNode(structuredClone(n), `memory:node:${n.name}`),
    );
    return { players, nodes };
  }

  /** Applies `changes` in order (copies of them). */
  async write(changes: readonly StoreChange[]): Promise<void> {
    const scope = this.scope;
    if (scope === null) throw new ClientStateError("the memory store is not open: call open() first");
    checkChanges(changes);
    for (const change of changes) {
      if (change.kind === "player") {
        if (change.value === null) this.players.delete(change.guildId);
        else this.players.set(change.guildId, structuredClone(change.value));
      } else {
        let nodes = this.nodes.get(scope.clientId);
        if (nodes === undefined) {
          nodes = new Map();
          this.nodes.set(scope.clientId, nodes);
        }
        if (change.value === null) nodes.delete(change.name);
        else nodes.set(change.name, structuredClone(change.value));
      }
    }
  }

  /** Closes the store; the records stay in this instance for the next open(). */
  async close(): Promise<void> {
    this.scope = null;
  }
}

import { InvalidOptionError } from "./errors/invalid-option-error.js";
import { NoNodesAvailableError } from "./errors/no-nodes-available-error.js";
import type { Node } from "./node/node.js";

/**
 * The client's nodes. New players go to the ready node with the lowest {@link Node.penalty};
 * nodes that are connecting, reconnecting or down get none.
 */
export class NodePool implements Iterable<Node> {
  private readonly byName = new Map<string, Node>();

  /** Adds a node; names must be unique. */
  add(node: Node): void {
    if (this.byName.has(node.name)) {
      throw new InvalidOptionError("nodes[].name", node.name, "unique (two nodes share this name)");
    }
    this.byName.set(node.name, node);
  }

  /** The node with this name. */
  get(name: string): Node | undefined {
    return this.byName.get(name);
  }

  /** Number of nodes. */
  get size(): number {
    return this.byName.size;
  }

  /** Nodes that can take players now. */
  get ready(): Node[] {
    return [...this.byName.values()].filter((n) => n.ready);
  }

  /** Iterates the nodes in the order they were configured. */
  [Symbol.iterator](): Iterator<Node> {
    return this.byName.values();
  }

  /** The least-loaded ready node (ties go to the first configured), excluding `except`. */
  best(except?: Node): Node {
    let best: Node | undefined;
    let bestPenalty = Number.POSITIVE_INFINITY;
    for (const node of this.byName.values()) {
      if (!node.ready || node === except) continue;
      const penalty = node.penalty;
      if (penalty < bestPenalty) {
        best = node;
        bestPenalty = penalty;
      }
    }
    if (best === undefined) {
      const states = [...this.byName.values()].map((n) => `${n.name}: ${n.state}`).join(", ");
      throw new NoNodesAvailableError(`no node is ready (${states || "no nodes configured"})`);
    }
    return best;
  }
}

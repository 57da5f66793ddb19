import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { StoreChange } from "./store.js";

/** Checks the shape of a write's changes (a store must never take a malformed record). */
export function checkChanges(changes: readonly StoreChange[]): void {
  if (!Array.isArray(changes)) throw new InvalidOptionError("changes", changes, "an array of store changes");
  changes.forEach((change: StoreChange, i) => {
    const where = `changes[${i}]`;
    if (typeof change !== "object" || change === null) {
      throw new InvalidOptionError(where, change, "{ kind, guildId | name, value }");
    }
    if (change.kind === "player") {
      if (typeof change.guildId !== "string")
        throw new InvalidOptionError(`${where}.guildId`, change.guildId, "a guild id");
      if (
        change.value !== null &&
        (typeof change.value !== "object" || change.value.guildId !== change.guildId)
      ) {
        throw new InvalidOptionError(`${where}.value`, change.value, "a StoredPlayer of that guild, or null");
      }
    } else if (change.kind === "node") {
      if (typeof change.name !== "string")
        throw new InvalidOptionError(`${where}.name`, change.name, "a node name");
      if (change.value !== null && (typeof change.value !== "object" || change.value.name !== change.name)) {
        throw new InvalidOptionError(`${where}.value`, change.value, "a StoredNode of that name, or null");
      }
    } else {
      throw new InvalidOptionError(`${where}.kind`, (change as { kind: unknown }).kind, '"player" or "node"');
    }
  });
}

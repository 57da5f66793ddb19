/** Longest rendering of one argument in a failure message. */
const MAX_ARG = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function clip(text: string): string {
  return text.length > MAX_ARG ? `${text.slice(0, MAX_ARG - 1)}…` : text;
}

/**
 * Renders an event argument for a failure message: players, tracks and nodes by what identifies
 * them (a whole Player or Track object would bury the message), anything else as clipped JSON.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "string") return clip(JSON.stringify(value));
  if (typeof value !== "object") return String(value);
  if (value instanceof Error) return clip(`${value.name}: ${value.message}`);
  const v = value as Record<string, unknown>;
  if (typeof v.guildId === "string" && "queue" in v && "node" in v) return `Player ${v.guildId}`;
  const info = v.info;
  if (isRecord(info) && typeof info.title === "string") {
    return clip(`Track ${JSON.stringify(info.title)} (${String(info.identifier)})`);
  }
  if (typeof v.name === "string" && typeof v.state === "string" && "players" in v) {
    return `Node ${v.name} (${v.state})`;
  }
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return value.constructor?.name ?? "object";
  }
}

/** Renders an argument list, comma-separated. */
export function describeArgs(args: readonly unknown[]): string {
  return args.map(describeValue).join(", ");
}

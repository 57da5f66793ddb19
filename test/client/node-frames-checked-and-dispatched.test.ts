import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/base/clock/index.js";
import { SonoraClient } from "../../src/client/index.js";
import { type IncomingMessage, ProtocolValidationError } from "../../src/protocol/index.js";
import { deliverFrame } from "../../src/testing/index.js";

const GUILD = "817327181659111454";
let client: SonoraClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function setup() {
  client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x", name: "n" }], {
    clock: new VirtualClock(),
  });
  const player = await client.getPlayer(GUILD, { node: "n" });
  const node = client.nodes.get("n")!;
  const errors: Error[] = [];
  const raw: IncomingMessage[] = [];
  client.on("nodeError", (_n, e) => errors.push(e));
  client.on("raw", (_n, m) => raw.push(m));
  return { node, player, errors, raw };
}

const update = (state: unknown, guildId: unknown = GUILD) =>
  JSON.stringify({ op: "playerUpdate", guildId, state });

describe("frames are checked, then dispatched; broken ones become nodeError naming the field", () => {
  it("a well-formed playerUpdate reaches its player and raw listeners", async () => {
    const { node, player, errors, raw } = await setup();
    deliverFrame(node, update({ time: 1, position: 42_000, connected: true, ping: 12 }));
    expect(player.connected).toBe(true);
    expect(player.ping).toBe(12);
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ op: "playerUpdate", guildId: GUILD });
    expect(errors).toEqual([]);
  });

  it.each<[string, string, string]>([
    ["invalid JSON", "{not json", ""],
    ["JSON null", "null", ""],
    ["position as a string", update({ time: 1, position: "42", connected: true, ping: 1 }), "state.position"],
    ["connected missing", update({ time: 1, position: 1, ping: 1 }), "state.connected"],
    ["state null", update(null), "state"],
    ["numeric guildId", update({ time: 1, position: 1, connected: true, ping: 1 }, 817), "guildId"],
    ["unknown op", JSON.stringify({ op: "nope" }), "op"],
  ])("%s", async (_label, text, field) => {
    const { node, player, errors, raw } = await setup();
    deliverFrame(node, text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ProtocolValidationError);
    if (field) expect((errors[0] as ProtocolValidationError).field).toBe(field);
    expect(raw).toEqual([]);
    expect(player.connected).toBe(false);
  });
});

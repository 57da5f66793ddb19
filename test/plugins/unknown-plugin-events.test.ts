import { describe, expect } from "vitest";
import type { PluginEvent } from "../../src/index.js";
import { deliverFrame } from "../../src/testing/index.js";
import { sonoraTest as test } from "../../src/testing/vitest.js";

describe("plugin events Sonora does not know", () => {
  test("reach the player and the client untouched, and break nothing", async ({ sonora, player }) => {
    const onPlayer: PluginEvent[] = [];
    const onClient: string[] = [];
    const errors: unknown[] = [];
    player.on("pluginEvent", (event) => onPlayer.push(event));
    sonora.client.on("pluginEvent", (p, event) => onClient.push(`${p.guildId}:${event.type}`));
    sonora.client.on("nodeError", (_node, error) => errors.push(error));
    const frame = {
      op: "event",
      type: "QueueEndedEvent",
      guildId: player.guildId,
      nested: { deep: [1, 2, { x: null }] },
    };
    deliverFrame(player.node, frame);
    expect(onPlayer).toEqual([frame]);
    expect(onClient).toEqual([`${player.guildId}:QueueEndedEvent`]);
    expect(errors).toEqual([]);
  });

  test("one without a guild goes to raw only; a known plugin event with a bad field is a nodeError", async ({
    sonora,
    player,
  }) => {
    const raw: unknown[] = [];
    const errors: unknown[] = [];
    sonora.client.on("raw", (_node, message) => raw.push(message));
    sonora.client.on("nodeError", (_node, error) => errors.push(error));
    deliverFrame(player.node, { op: "event", type: "NodeWideThing", value: 1 });
    expect(raw).toContainEqual({ op: "event", type: "NodeWideThing", value: 1 });
    deliverFrame(player.node, { op: "event", type: "SegmentSkipped", guildId: player.guildId, segment: {} });
    expect(errors).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { InvalidGuildIdError, SonoraClient, toGuildId } from "../../src/client/index.js";

describe("guild ids are Discord snowflakes kept as strings", () => {
  it("accepts snowflake strings above 2^53 unchanged", () => {
    expect(toGuildId("1234567890123456789")).toBe("1234567890123456789");
    expect(toGuildId("18446744073709551615")).toBe("18446744073709551615");
  });

  it("accepts numbers only while they are safe integers", () => {
    expect(toGuildId(123456789)).toBe("123456789");
    const unsafe = Number("1234567890123456789"); // what a snowflake becomes as a number
    expect(() => toGuildId(unsafe)).toThrow(InvalidGuildIdError);
    expect(() => toGuildId(unsafe)).toThrow(/pass the id as a string/);
  });

  it("rejects anything else with a typed error carrying the value", () => {
    for (const bad of ["", "12a", "-5", "18446744073709551616", 1.5, null, undefined, {}]) {
      let caught: unknown;
      try {
        toGuildId(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidGuildIdError);
      expect((caught as InvalidGuildIdError).code).toBe("INVALID_GUILD_ID");
      expect((caught as InvalidGuildIdError).value).toBe(bad);
    }
  });

  it("getPlayer rejects an invalid guild id before touching any node", async () => {
    const client = new SonoraClient([{ host: "127.0.0.1", port: 1, password: "x" }]);
    await expect(client.getPlayer("not-a-guild")).rejects.toBeInstanceOf(InvalidGuildIdError);
    await client.close();
  });
});

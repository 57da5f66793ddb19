import { describe, expect, it } from "vitest";
import type { ClientOptions, NodeOptions } from "../../src/client/index.js";
import { InvalidOptionError, SonoraClient } from "../../src/client/index.js";

const node: NodeOptions = { host: "127.0.0.1", port: 2333, password: "pw" };

function refused(make: () => unknown): InvalidOptionError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).code).toBe("INVALID_OPTION");
    return error as InvalidOptionError;
  }
  throw new Error("expected the constructor to throw InvalidOptionError");
}

describe("client and node options of the wrong type are refused in the constructor, naming option and value", () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ["send: 5", { send: 5 }, "send", "5"],
    ["clock: {}", { clock: {} }, "clock", "{}"],
    ["random: 'x'", { random: "x" }, "random", '"x"'],
    ["reconnect: 5", { reconnect: 5 }, "reconnect", "5"],
    ["resume: true", { resume: true }, "resume", "true"],
    ["resume.timeout: 0.5", { resume: { timeout: 0.5 } }, "resume.timeout", "0.5"],
    ["resume.timeout: 0", { resume: { timeout: 0 } }, "resume.timeout", "0"],
    ["resume.timeout: '60'", { resume: { timeout: "60" } }, "resume.timeout", '"60"'],
    ["rest: 'fast'", { rest: "fast" }, "rest", '"fast"'],
    ["rest.retry: 3", { rest: { retry: 3 } }, "rest.retry", "3"],
  ])("client option %s", (_label, options, option, shown) => {
    const error = refused(() => new SonoraClient([node], options as ClientOptions));
    expect(error.option).toBe(option);
    expect(error.message).toContain(`option ${option} must be`);
    expect(error.message).toContain(`got ${shown}`);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["secure: 'yes'", { secure: "yes" }, "nodes[0].secure"],
    ["port: 'x'", { port: "x" }, "nodes[0].port"],
    ["port: 2333.5", { port: 2333.5 }, "nodes[0].port"],
    ["host: ''", { host: "" }, "nodes[0].host"],
    ["host: 42", { host: 42 }, "nodes[0].host"],
    ["password: null", { password: null }, "nodes[0].password"],
    ["name: ''", { name: "" }, "nodes[0].name"],
    ["region: 1", { region: 1 }, "nodes[0].region"],
    ["resume.timeout: 1.5", { resume: { timeout: 1.5 } }, "nodes[0].resume.timeout"],
    ["rest: []", { rest: [] }, "nodes[0].rest"],
  ])("node option %s", (_label, override, option) => {
    const error = refused(() => new SonoraClient([{ ...node, ...override } as NodeOptions]));
    expect(error.option).toBe(option);
  });

  it("a clock missing methods is named with what is missing", () => {
    const error = refused(() => new SonoraClient([node], { clock: { now: () => 0 } as never }));
    expect(error.message).toContain("missing setTimeout, clearTimeout, setInterval, clearInterval");
  });

  it("a value JSON cannot show (a cycle) still gives a readable message", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const error = refused(() => new SonoraClient([node], { clock: cyclic as never }));
    expect(error.message).toContain("got [object Object]");
  });

  it("valid options of every kind are accepted", async () => {
    const client = new SonoraClient([{ ...node, secure: false, name: "a", region: "eu", resume: false }], {
      send: () => undefined,
      random: () => 0.5,
      resume: { timeout: 1 },
      rest: { timeout: 100, retry: { maxRetries: 0 } },
      reconnect: { maxRetries: 1 },
    });
    expect(client.nodes.get("a")?.settings.resume).toBe(false);
    await client.close();
  });
});

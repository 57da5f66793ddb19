import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, exportTargets, ROOT, readmeBlock } from "./package-helpers.js";

/**
 * The package as a user gets it: `npm pack` once, the tarball installed into a scratch project in the
 * temp folder (outside this repository, so nothing of ours leaks in through node_modules lookup),
 * then every entry point required and imported, the CLI run, and the README quickstart typechecked
 * with `skipLibCheck: false` under `module: nodenext` (ESM and CJS files) and `module: commonjs`.
 *
 * Generic over package.json `exports`: a new entry point is checked as soon as it is listed there.
 * Peer dependencies (and the few packages the quickstart itself imports) are linked from this
 * repository's node_modules instead of downloaded; `@types/ws` is deliberately not, so a
 * declaration that names `ws` fails here as it would for a user.
 */

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  peerDependencies?: Record<string, string>;
  bin?: Record<string, string>;
};
const SPECIFIERS = Object.keys(pkg.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`));

/**
 * Entry points whose `require` cannot work because a peer they wrap refuses `require` itself; the
 * error must then be the peer's own clear message. Vitest is ESM-only and throws on `require`.
 */
const REQUIRE_REFUSED_BY_PEER: Readonly<Record<string, RegExp>> = {
  [`${pkg.name}/testing/vitest`]: /Vitest cannot be imported in a CommonJS module using require\(\)/,
};

/** Entry points that only load inside a vitest run (vitest's `test.extend` needs its runner). */
const IMPORTED_ONLY_INSIDE_VITEST: readonly string[] = [`${pkg.name}/testing/vitest`];

/** Packages the scratch project borrows from this repository (never `@types/ws`). */
const LINKED = ["@types/node", "discord.js", ...Object.keys(pkg.peerDependencies ?? {})];

let scratch = "";
let project = "";
let unpacked = "";

function run(command: string, args: string[], cwd = project): { code: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env } });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function node(args: string[]): { code: number | null; out: string } {
  return run(process.execPath, args);
}

/** Typechecks `files` in a fresh folder of the project with `config`; our diagnostics only. */
async function tsc(config: object, files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(project, "tsc-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const compilerOptions = {
    target: "es2022",
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: ["node"],
    ...config,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  const child = spawn(
    process.execPath,
    [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir, "--pretty", "false"],
    {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  await once(child, "close");
  // Only our package and the project's own files: a third-party library's declarations are its own business.
  return out
    .split("\n")
    .filter((line) => /error TS/.test(line))
    .filter((line) => !/node_modules\/(?!sonora\/)/.test(line.split("(")[0] ?? ""));
}

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), "sonora-pack-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as { filename: string }[];
  const tarball = join(scratch, packed[0]?.filename ?? "");
  unpacked = join(scratch, "unpacked");
  mkdirSync(unpacked);
  execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
  project = join(scratch, "project");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "scratch", version: "1.0.0", private: true }),
  );
  const flags = ["install", "--no-audit", "--no-fund", "--no-package-lock", tarball];
  // From npm's cache when it has everything (CI just ran `npm ci`), from the registry otherwise.
  let install = run("npm", [...flags, "--offline"]);
  if (install.code !== 0) install = run("npm", [...flags, "--prefer-offline"]);
  if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.out}`);
  for (const name of LINKED) {
    const target = join(project, "node_modules", name);
    if (existsSync(target) || !existsSync(join(ROOT, "node_modules", name))) continue;
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), target, "dir");
  }
}, 600_000);

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

// Child processes on a busy 2-core box: generous budgets (a bound on "ends at all", not a timing check).
describe("the packed tarball, installed in a fresh project", { timeout: 300_000 }, () => {
  it("keeps no install script, ships LICENSE and the sources its source maps point at", () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, "package/package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    for (const hook of ["preinstall", "install", "postinstall", "prepare"]) {
      expect(manifest.scripts?.[hook], hook).toBeUndefined();
    }
    expect(existsSync(join(unpacked, "package/LICENSE"))).toBe(true);
    for (const file of exportTargets(pkg.exports).filter((f) => f.endsWith(".js"))) {
      const map = JSON.parse(readFileSync(join(unpacked, "package", `${file}.map`), "utf8")) as {
        sources: string[];
      };
      for (const source of map.sources) {
        expect(existsSync(join(unpacked, "package", dirname(file), source)), `${file} → ${source}`).toBe(
          true,
        );
      }
    }
  });

  it("require() works for every entry point", () => {
    for (const spec of SPECIFIERS) {
      const r = node([
        "-e",
        `const m = require(${JSON.stringify(spec)}); console.log(Object.keys(m).length);`,
      ]);
      const refused = REQUIRE_REFUSED_BY_PEER[spec];
      if (refused !== undefined && r.code !== 0) {
        expect(r.out, spec).toMatch(refused);
        continue;
      }
      expect(r.code, `${spec}: ${r.out}`).toBe(0);
      expect(Number(r.out.trim()), spec).toBeGreaterThan(0);
    }
  });

  it("import works for every entry point and sees the same names as require", () => {
    for (const spec of SPECIFIERS) {
      if (IMPORTED_ONLY_INSIDE_VITEST.includes(spec)) continue;
      const r = node([
        "--input-type=module",
        "-e",
        `const m = await import(${JSON.stringify(spec)}); console.log(JSON.stringify(Object.keys(m).sort()));`,
      ]);
      expect(r.code, `${spec}: ${r.out}`).toBe(0);
      const names = JSON.parse(r.out) as string[];
      expect(names.length, spec).toBeGreaterThan(0);
      if (REQUIRE_REFUSED_BY_PEER[spec] !== undefined) continue;
      const c = node([
        "-e",
        `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(spec)})).sort()))`,
      ]);
      expect(JSON.parse(c.out), spec).toEqual(names);
    }
  });

  it("the vitest adapter imports inside a vitest run", () => {
    const lines = IMPORTED_ONLY_INSIDE_VITEST.map(
      (spec, i) => `import * as m${i} from ${JSON.stringify(spec)};`,
    );
    const checks = IMPORTED_ONLY_INSIDE_VITEST.map(
      (_, i) => `expect(Object.keys(m${i}).length).toBeGreaterThan(0);`,
    );
    writeFileSync(
      join(project, "entry.test.mjs"),
      `${lines.join("\n")}\nimport { expect, test } from "vitest";\ntest("entry points load", () => { ${checks.join(" ")} });\n`,
    );
    const r = node([
      join(project, "node_modules/vitest/vitest.mjs"),
      "run",
      "--root",
      project,
      "entry.test.mjs",
    ]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/1 passed/);
  });

  it("installs the CLI: `sonora --version`", () => {
    const r = run(join(project, "node_modules/.bin/sonora"), ["--version"]);
    expect(r.code, r.out).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  const importEveryEntry = SPECIFIERS.map(
    (spec, i) => `import * as e${i} from ${JSON.stringify(spec)};`,
  ).join("\n");
  const useEveryEntry = `\nexport const all = [${SPECIFIERS.map((_, i) => `e${i}`).join(", ")}];\n`;

  it("every entry point and the README quickstart typecheck with skipLibCheck false and no @types/ws", async () => {
    const entries = importEveryEntry + useEveryEntry;
    const quickstart = readmeBlock("Quickstart");
    // One program per module setting, both at once (each also checks discord.js's declarations: slow).
    const nodenext = {
      "entries.mts": entries,
      "entries.cts": entries,
      "quickstart.mts": quickstart,
      "quickstart.cts": quickstart,
    };
    const commonjs = { "entries.ts": entries, "quickstart.ts": quickstart };
    const [esm, cjs] = await Promise.all([
      tsc({ module: "nodenext" }, nodenext),
      tsc({ module: "commonjs", esModuleInterop: true }, commonjs),
    ]);
    expect(esm).toEqual([]);
    expect(cjs).toEqual([]);
  }, 900_000);
});

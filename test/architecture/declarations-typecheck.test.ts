import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ENTRY_POINTS, type PublicSurface, ROOT } from "./public-surface.js";

/**
 * The published declarations (`dist/**\/*.d.ts`, built with `stripInternal`) must typecheck for a
 * user: a public declaration that still names an `@internal` one (stripped from the output) breaks
 * every consumer's `tsc`, and nothing in our own build would notice. A consumer file imports every
 * pinned public name of every entry point and is checked, with the declarations it reaches, under
 * the strictest options a consumer might use (`skipLibCheck: false` for our files).
 */

const DIST = join(ROOT, "dist");
/** Where declarations are emitted when dist is missing or older than src (inside ROOT: node_modules resolves). */
const FALLBACK = join(DIST, ".declarations-check");

function newestMtime(dir: string, suffix: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, suffix));
    else if (entry.name.endsWith(suffix)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The folder of declarations to check: dist when it is up to date (as after `npm ci`, which builds),
 * else an earlier fallback emit that is, else a fresh declaration-only emit (slow: a full tsc run).
 */
function declarations(): string {
  const sources = newestMtime(join(ROOT, "src"), ".ts");
  for (const dir of [DIST, FALLBACK]) {
    if (existsSync(join(dir, "index.d.ts")) && sources <= newestMtime(dir, ".d.ts")) return dir;
  }
  rmSync(FALLBACK, { recursive: true, force: true });
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  const flags = ["--emitDeclarationOnly", "--declarationMap", "false", "--sourceMap", "false"];
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", ...flags, "--outDir", FALLBACK], {
    cwd: ROOT,
    stdio: "pipe",
  });
  return FALLBACK;
}

/** A file that imports every public name, values as values and types as types. */
function consumerSource(surface: PublicSurface): string {
  const lines: string[] = [];
  for (const [index, [entry, names]] of Object.entries(surface).entries()) {
    // Aliased per entry point: two entry points may export the same name (the clocks, `useSonora`).
    const imports = Object.entries(names).map(
      ([name, kind]) => `${kind === "type" ? "type " : ""}${name} as e${index}_${name}`,
    );
    lines.push(`import { ${imports.join(", ")} } from "${entry}";`);
  }
  return `${lines.join("\n")}\n`;
}

function typecheck(declarationDir: string, source: string): string[] {
  const consumer = join(declarationDir, "__consumer__.ts");
  const paths = Object.fromEntries(
    Object.entries(ENTRY_POINTS).map(([entry, file]) => [
      entry,
      [join(declarationDir, relative("src", file).replace(/\.ts$/, ".d.ts"))],
    ]),
  );
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
    types: ["node"],
    paths,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file === consumer ? ts.createSourceFile(file, source, language) : getSourceFile(file, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === consumer || fileExists(file);
  const program = ts.createProgram({ rootNames: [consumer], options, host });
  const ours = program
    .getSourceFiles()
    .filter((file) => file.fileName === consumer || file.fileName.startsWith(`${declarationDir}/`));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...ours.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ];
  return diagnostics.map((d) => {
    const where = d.file ? `${relative(ROOT, d.file.fileName)}: ` : "";
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("the published declarations typecheck for a consumer", () => {
  let dir = "";
  beforeAll(() => {
    dir = declarations();
  }, 120_000);

  it("a file importing every public name compiles against the emitted .d.ts (stripInternal on)", () => {
    const surface = JSON.parse(
      readFileSync(join(ROOT, "test/architecture/public-surface.json"), "utf8"),
    ) as PublicSurface;
    expect(typecheck(dir, consumerSource(surface))).toEqual([]);
  }, 60_000);

  it("strips what is tagged @internal", () => {
    const node = readFileSync(join(dir, "client/node/node.d.ts"), "utf8");
    expect(node).not.toMatch(/nodeControl|NodeControl|constructor\(/);
    const tsconfig = ts.readConfigFile(join(ROOT, "tsconfig.build.json"), ts.sys.readFile).config as {
      compilerOptions: { stripInternal?: boolean };
    };
    expect(tsconfig.compilerOptions.stripInternal).toBe(true);
  });
});

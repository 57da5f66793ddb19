import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** Root of the repository. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The package's entry points (the `exports` of package.json), by the name a user imports. */
export const ENTRY_POINTS = {
  sonora: "src/index.ts",
  "sonora/testing": "src/testing/index.ts",
  "sonora/testing/vitest": "src/testing/vitest.ts",
  "sonora/testing/node": "src/testing/node.ts",
  "sonora/prometheus": "src/prometheus/index.ts",
  "sonora/redis": "src/redis/index.ts",
} as const;

export type EntryPointName = keyof typeof ENTRY_POINTS;

/**
 * One exported name: `value` when it exists at run time (class, function, constant), `type` when it
 * is erased (interface, type alias, or a `export type` of anything).
 */
export type ExportKind = "value" | "type";

/** The exported names of every entry point, sorted, each with its kind. */
export type PublicSurface = Record<EntryPointName, Record<string, ExportKind>>;

/**
 * Lists the exports of every entry point with the TypeScript compiler (types included, which a
 * runtime `import *` cannot see). One program over the four entry points, nothing type-checked.
 */
export function publicSurface(root = ROOT): PublicSurface {
  const files = Object.values(ENTRY_POINTS).map((file) => join(root, file));
  const program = ts.createProgram({ rootNames: files, options: OPTIONS, host: ownSourcesHost() });
  const checker = program.getTypeChecker();
  const surface = {} as PublicSurface;
  for (const [name, file] of Object.entries(ENTRY_POINTS) as [EntryPointName, string][]) {
    const source = program.getSourceFile(join(root, file));
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`${file}: not a module`);
    const exports: Record<string, ExportKind> = {};
    const sorted = checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name));
    for (const symbol of sorted) exports[symbol.name] = kindOf(checker, symbol);
    surface[name] = exports;
  }
  return surface;
}

/** Only the export graph is read: no default libraries, no `@types`, no emit. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  verbatimModuleSyntax: true,
  noEmit: true,
  noLib: true,
  types: [],
};

/**
 * A compiler host that follows only our own relative imports (`./x.js` is `./x.ts` in src): the
 * export graph lives in our sources, so vitest's, ws' and Node's declarations (most of a full
 * program's parsing time) are never read, and no import costs file system probing.
 */
function ownSourcesHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS);
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map((literal) => {
      if (!literal.text.startsWith(".")) return { resolvedModule: undefined };
      const resolvedFileName = resolve(dirname(containingFile), literal.text.replace(/\.js$/, ".ts"));
      if (!existsSync(resolvedFileName)) return { resolvedModule: undefined };
      return {
        resolvedModule: { resolvedFileName, extension: ts.Extension.Ts, isExternalLibraryImport: false },
      };
    });
  return host;
}

function kindOf(checker: ts.TypeChecker, symbol: ts.Symbol): ExportKind {
  // Walk the re-export chain: one `export type { X }` on the way erases X even when X is a class.
  let current: ts.Symbol | undefined = symbol;
  while (current !== undefined && current.flags & ts.SymbolFlags.Alias) {
    if (current.declarations?.some(isTypeOnly)) return "type";
    current = checker.getImmediateAliasedSymbol(current);
  }
  return current !== undefined && current.flags & ts.SymbolFlags.Value ? "value" : "type";
}

function isTypeOnly(declaration: ts.Declaration): boolean {
  return ts.isTypeOnlyImportOrExportDeclaration(declaration) || ts.isTypeOnlyExportDeclaration(declaration);
}

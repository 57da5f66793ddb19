import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../package/package-helpers.js";
import { type CodeBlock, extractBlocks, markdownFiles, preludeOf } from "./code-blocks.js";

/**
 * Docs that lie are bugs: every fenced TypeScript/JavaScript block of README.md and docs/**\/*.md is
 * typechecked against the BUILT package (imports of `sonora`, `sonora/testing`, … resolve through the
 * package's own `exports`) and run with tsx, unless its fence says why not. The fence flags
 * (`no-run reason="…"`, `no-check reason="…"`, `prelude=env|player`) are documented in
 * ./code-blocks.ts and in docs/contributing.md. New docs pages are picked up automatically.
 */

const WORK = join(ROOT, ".docs-check");
const blocks: CodeBlock[] = markdownFiles(ROOT).flatMap((file) => extractBlocks(ROOT, file));
const fileOf = (b: CodeBlock): string => join(WORK, `${b.id}.${b.lang === "ts" ? "mts" : "mjs"}`);
const preludeLines = (b: CodeBlock): number => preludeOf(b).split("\n").length - 1;
let diagnostics = new Map<string, string[]>();

function typecheck(checked: CodeBlock[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    types: ["node"],
  };
  const program = ts.createProgram({ rootNames: checked.map(fileOf), options });
  const byBlock = new Map<string, string[]>();
  for (const block of checked) {
    const file = program.getSourceFile(fileOf(block));
    const found = file
      ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
      : [];
    byBlock.set(
      block.id,
      found.map((d) => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        const blockLine = line + 1 - preludeLines(block);
        return `line ${blockLine} of the block: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return byBlock;
}

beforeAll(() => {
  ensureBuilt();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const block of blocks) writeFileSync(fileOf(block), `${preludeOf(block)}${block.code}\nexport {};\n`);
  diagnostics = typecheck(blocks.filter((b) => b.check));
}, 600_000);

describe("docs code blocks", () => {
  it("finds the blocks of README.md and docs/", () => {
    expect(blocks.some((b) => b.where.startsWith("README.md"))).toBe(true);
    expect(blocks.some((b) => b.where.startsWith("docs/"))).toBe(true);
  });

  for (const block of blocks.filter((b) => b.check)) {
    it(`${block.where} typechecks against the built package`, () => {
      expect(diagnostics.get(block.id), block.code).toEqual([]);
    });
  }

  for (const block of blocks.filter((b) => b.run)) {
    it(`${block.where} runs`, () => {
      const r = spawnSync(process.execPath, ["--import", "tsx", fileOf(block)], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 90_000,
        env: { ...process.env, SONORA_OFFLINE: undefined },
      });
      expect(r.status, `${r.stdout}${r.stderr}${r.error ? String(r.error) : ""}`).toBe(0);
    }, 120_000);
  }
});

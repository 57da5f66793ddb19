import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every fenced TypeScript/JavaScript block of README.md and docs/**\/*.md, with its fence flags.
 *
 * Fence info grammar (after the language; the language is ts, typescript, js, javascript, mts or mjs):
 *
 *   ```ts                                  typechecked against the built package, then run
 *   ```ts no-run reason="needs a token"    typechecked only; the reason says why it cannot run here
 *   ```ts no-check reason="pseudo-code"    neither (an excerpt with `…`, a `catch` clause alone)
 *   ```ts prelude=env                      runs after a prelude that declares `env` (a fresh
 *                                          createTestEnvironment), `client` and `sim`
 *   ```ts prelude=player                   as `env`, plus `guildId`, `player` (joined to voice)
 *                                          and `track` (a search result, playing on `player`)
 *
 * `no-run` and `no-check` need a non-empty reason. Flags combine (`prelude=player no-run reason="…"`).
 * Imports of `sonora`, `sonora/testing`, … resolve to the built package through its own `exports`
 * (package self-reference), exactly as in a user's project.
 */
export interface CodeBlock {
  /** `README.md:42`: the file and the line of the opening fence. */
  readonly where: string;
  /** A file-name-safe id, unique per block. */
  readonly id: string;
  readonly lang: "ts" | "js";
  readonly code: string;
  readonly run: boolean;
  readonly check: boolean;
  readonly prelude: "env" | "player" | null;
  readonly reason: string | null;
}

const LANGS: Readonly<Record<string, "ts" | "js">> = {
  ts: "ts",
  typescript: "ts",
  mts: "ts",
  js: "js",
  javascript: "js",
  mjs: "js",
};

/** The markdown files whose blocks are checked: README.md and every docs page (not the generated API). */
export function markdownFiles(root: string): string[] {
  const files = [join(root, "README.md")];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(root, "docs/api")) walk(path);
      } else if (entry.name.endsWith(".md")) files.push(path);
    }
  };
  walk(join(root, "docs"));
  return files.sort();
}

/** Reads `key=value` and `key="quoted value"` flags and bare words from a fence's info string. */
function parseFlags(info: string): Map<string, string> {
  const flags = new Map<string, string>();
  for (const m of info.matchAll(/([a-z-]+)(?:=(?:"([^"]*)"|(\S+)))?/g)) {
    flags.set(m[1] ?? "", m[2] ?? m[3] ?? "");
  }
  return flags;
}

/** Extracts the blocks of one markdown file; throws on a flag it does not know (a typo must not skip a check). */
export function extractBlocks(root: string, file: string): CodeBlock[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  const name = relative(root, file);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([A-Za-z]*)\s*(.*)$/.exec(lines[i] ?? "");
    if (open === null) continue;
    const [, , fence = "```", langWord = "", info = ""] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence) && l.trim() === fence);
    const close = end < 0 ? lines.length : end;
    const lang = LANGS[langWord.toLowerCase()];
    if (lang !== undefined) {
      const where = `${name}:${i + 1}`;
      const flags = parseFlags(info);
      for (const key of flags.keys()) {
        if (!["no-run", "no-check", "reason", "prelude"].includes(key))
          throw new Error(`${where}: unknown fence flag ${key}`);
      }
      const prelude = flags.get("prelude") ?? null;
      if (prelude !== null && prelude !== "env" && prelude !== "player") {
        throw new Error(`${where}: prelude must be env or player, got ${prelude}`);
      }
      const skipsSomething = flags.has("no-run") || flags.has("no-check");
      const reason = flags.get("reason") ?? null;
      if (skipsSomething && (reason === null || reason.trim() === "")) {
        throw new Error(`${where}: no-run and no-check need reason="…"`);
      }
      blocks.push({
        where,
        id: where.replace(/[^A-Za-z0-9]+/g, "_"),
        lang,
        code: lines.slice(i + 1, close).join("\n"),
        check: !flags.has("no-check"),
        run: !flags.has("no-run") && !flags.has("no-check"),
        prelude,
        reason,
      });
    }
    i = close;
  }
  return blocks;
}

/** The code put before a block with a prelude: namespace imports, so the block's own imports never clash. */
export function preludeOf(block: CodeBlock): string {
  if (block.prelude === null) return "";
  const lines = [
    'import * as __sonoraTesting from "sonora/testing";',
    "await using env = await __sonoraTesting.createTestEnvironment({ seed: 42 });",
    "const client = env.client;",
    "const sim = env.simulator;",
  ];
  if (block.prelude === "player") {
    lines.push(
      "const guildId = __sonoraTesting.TEST_GUILD_ID;",
      "const player = await env.player();",
      'const track = (await client.search("lofi")).tracks[0]!;',
      "await player.play(track);",
    );
  }
  // Used or not, the prelude's names must not trip noUnusedLocals-style checks of a reader's config.
  lines.push("void client; void sim;");
  if (block.prelude === "player") lines.push("void guildId; void player; void track;");
  return `${lines.join("\n")}\n`;
}

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the repository. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Every file path a conditional `exports` value points at. */
export function exportTargets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(exportTargets);
}

/**
 * Builds dist/ (ESM and CommonJS) unless it is there and newer than every source: `npm ci` builds
 * it, so CI pays nothing; a developer who edited src gets a fresh build instead of a stale answer.
 */
export function ensureBuilt(): void {
  const marker = join(ROOT, "dist/cjs/package.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(join(ROOT, "src"))) return;
  execFileSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, stdio: "pipe" });
}

/** The first fenced TypeScript block after the README heading that contains `heading`. */
export function readmeBlock(heading: string): string {
  const text = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = text.search(new RegExp(`^#+ .*${heading}`, "m"));
  if (at < 0) throw new Error(`README.md has no heading with "${heading}"`);
  const block = /^```ts[^\n]*\n([\s\S]*?)^```$/m.exec(text.slice(at));
  if (block?.[1] === undefined) throw new Error(`no ts block after "${heading}"`);
  return block[1];
}

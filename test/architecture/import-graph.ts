import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the library sources. */
export const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Every `.ts` file under `src`, as a path relative to it (`client/player/player.ts`). */
export function sourceFiles(dir = SRC): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(relative(SRC, path).split("\\").join("/"));
  }
  return files.sort();
}

// `import … from "x"`, `import type … from "x"`, `export … from "x"`, `import "x"` and `import("x")`.
// Type-only imports count: a cycle of types is still a cycle of modules (and of documentation).
const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^;"'`]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\(\s*["']([^"']+)["']\s*\)/g,
];

/** The relative imports of one source file, resolved to paths relative to `src`. */
export function importsOf(file: string): string[] {
  const text = stripComments(readFileSync(join(SRC, file), "utf8"));
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1]!;
      if (!specifier.startsWith(".")) continue;
      const target = relative(SRC, resolve(SRC, dirname(file), specifier))
        .split("\\")
        .join("/");
      found.add(target.replace(/\.js$/, ".ts"));
    }
  }
  return [...found].sort();
}

/** The import graph of `src`: file → the files it imports. */
export function importGraph(): Map<string, string[]> {
  return new Map(sourceFiles().map((file) => [file, importsOf(file)]));
}

/**
 * Every cycle of the graph, one per strongly connected component with more than one file (or a
 * file importing itself), each as a closed path `a → b → … → a` through that component.
 */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfLoop = (graph.get(file) ?? []).includes(file);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return components.map((component) => pathThrough(graph, new Set(component), component[0]!));
}

/** A closed path from `start` back to itself inside one component (breadth-first, so a short one). */
function pathThrough(graph: Map<string, string[]>, members: Set<string>, start: string): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const next of graph.get(file) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

// Module resolve hook for the bench: every module of `src/` is loaded from its build in `dist/`,
// so the bench measures the JavaScript users run (plain tsc output), as the peers run theirs, and
// not tsx's on-the-fly compile (esbuild's keepNames wraps closures in __name calls). Registered by
// bench/use-dist.mjs; `npm run bench -- --source=src` runs the TypeScript instead.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const src = new URL("../src/", import.meta.url).href;
const dist = new URL("../dist/", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  let result;
  try {
    result = await nextResolve(specifier, context);
  } catch (error) {
    // Without tsx in the chain yet, `src/x.js` names a file that only exists as `src/x.ts`.
    const wanted = new URL(specifier, context.parentURL ?? dist).href;
    if (!wanted.startsWith(src)) throw error;
    result = { url: wanted, format: "module" };
  }
  if (!result.url.startsWith(src)) return result;
  const built = `${dist}${result.url.slice(src.length).replace(/\.ts$/, ".js")}`;
  if (!existsSync(fileURLToPath(built))) {
    throw new Error(`the bench runs the built package, and ${built} is missing: run npm run build`);
  }
  return { url: built, format: "module", shortCircuit: true };
}

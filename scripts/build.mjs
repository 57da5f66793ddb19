#!/usr/bin/env node
// Builds the package twice from one source: ESM into dist/ (what `import` and the CLI load) and
// CommonJS into dist/cjs/ (what `require` loads; src/cli is ESM-only, it is a program, not a module
// to require). dist/cjs/package.json marks that folder as CommonJS so Node and TypeScript read its
// .js and .d.ts files as CJS. Then every file named in package.json `exports` must exist, so a new
// entry point only needs its `exports` entry (and the matching `typesVersions` line).
import { spawn } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

function compile(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", project], { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`tsc -p ${project} exited ${code}`)),
    );
  });
}

rmSync(join(root, "dist"), { recursive: true, force: true });
// The two compilations are independent: run them side by side.
await Promise.all([compile("tsconfig.build.json"), compile("tsconfig.cjs.json")]);
writeFileSync(join(root, "dist", "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
for (const bin of Object.values(pkg.bin ?? {})) chmodSync(join(root, bin), 0o755);

/** Every file path a conditional `exports` value points at. */
function targets(value) {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(targets);
}
const missing = targets(pkg.exports).filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(
    `build: package.json exports name files the build did not produce:\n  ${missing.join("\n  ")}`,
  );
  process.exit(1);
}

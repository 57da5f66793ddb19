#!/usr/bin/env node
// `prepare` builds dist/ after `npm ci` and after an install from git, so it stays in the
// repository; a published tarball needs no build step, and npm warns about install scripts on
// every install of a package that keeps one. `npm pack`/`npm publish` run `prepack` before they
// read the files and `postpack` after: this script removes `prepare` from package.json for that
// window (`strip`) and puts the original file back (`restore`).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = join(root, "package.json");
const backup = join(root, ".package.json.prepack");

/** A tarball without its build is useless: refuse to pack when a file named in `exports` is missing. */
function assertBuilt(pkg) {
  const targets = (value) =>
    typeof value === "string"
      ? [value]
      : value && typeof value === "object"
        ? Object.values(value).flatMap(targets)
        : [];
  const missing = targets(pkg.exports).filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) {
    console.error(`pack: run \`npm run build\` first; missing ${missing.join(", ")}`);
    process.exit(1);
  }
}

const action = process.argv[2];
if (action === "strip") {
  assertBuilt(JSON.parse(readFileSync(existsSync(backup) ? backup : manifest, "utf8")));
  // A backup left by an interrupted pack is the original: keep it, never overwrite it with a stripped copy.
  if (!existsSync(backup)) writeFileSync(backup, readFileSync(manifest));
  const pkg = JSON.parse(readFileSync(backup, "utf8"));
  delete pkg.scripts.prepare;
  // Written aside then renamed: whatever reads package.json meanwhile (a test run) never sees half a file.
  const next = `${manifest}.next`;
  writeFileSync(next, `${JSON.stringify(pkg, null, 2)}\n`);
  renameSync(next, manifest);
} else if (action === "restore") {
  if (existsSync(backup)) renameSync(backup, manifest);
} else {
  console.error("usage: pack-manifest.mjs strip|restore");
  process.exit(2);
}

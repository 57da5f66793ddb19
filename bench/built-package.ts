/**
 * In a bench process meant to run the built package (SONORA_BENCH_DIST=1, set by bench/main.ts for
 * itself and every child), throws unless Sonora's modules resolve to `dist/`: a child started
 * without the hook would otherwise measure the TypeScript through tsx and nobody would notice.
 */
export function assertBuiltPackage(): void {
  if (process.env.SONORA_BENCH_DIST !== "1") return;
  const loaded = import.meta.resolve("../src/index.js");
  if (!loaded.includes("/dist/")) {
    throw new Error(`bench: the dist hook is not active in this process (../src/index.js → ${loaded})`);
  }
}

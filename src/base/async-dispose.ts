/**
 * `Symbol.asyncDispose` without patching a global at import (the package declares
 * `"sideEffects": false`). Node ≥ 20.4 has the symbol and it is used as is. Older Node 20 lacks it:
 * then the registry symbol `Symbol.for("Symbol.asyncDispose")` stands in — the one esbuild-based
 * runners (vitest, tsx) fall back to — and {@link provideAsyncDispose} installs it as
 * `Symbol.asyncDispose` the first time a disposable Sonora object is created, because TypeScript's
 * `await using` helper reads the global and throws when it is missing.
 *
 * Not exported by an entry point, yet kept in the emitted `.d.ts` (not tagged internal): the
 * declarations of `ProtocolSimulator[asyncDisposeSymbol]` name it.
 */
export const asyncDisposeSymbol: typeof Symbol.asyncDispose = ((Symbol as { asyncDispose?: symbol })
  .asyncDispose ?? Symbol.for("Symbol.asyncDispose")) as typeof Symbol.asyncDispose;

/**
 * Makes `Symbol.asyncDispose` available where the runtime lacks it (Node < 20.4), lazily: called by
 * the constructors of Sonora's disposable objects, so the global is only touched once such an
 * object exists — which is before any `await using` can dispose of it. A no-op on newer Node.
 * @internal
 */
export function provideAsyncDispose(): void {
  (Symbol as { asyncDispose?: symbol }).asyncDispose ??= asyncDisposeSymbol;
}

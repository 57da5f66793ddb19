import type {
  EmptyLoadResult,
  ErrorLoadResult,
  LavalinkException,
  PlaylistData,
  PlaylistLoadResult,
  SearchLoadResult,
  Track,
  TrackLoadResult,
} from "../protocol/index.js";

/** Wraps a track as Lavalink's `track` load result. */
export function trackLoadResult(track: Track): TrackLoadResult {
  return { loadType: "track", data: track };
}

/** Wraps playlist data as Lavalink's `playlist` load result. */
export function playlistLoadResult(playlist: PlaylistData): PlaylistLoadResult {
  return { loadType: "playlist", data: playlist };
}

/** Wraps search hits as Lavalink's `search` load result. */
export function searchLoadResult(tracks: Track[]): SearchLoadResult {
  return { loadType: "search", data: tracks };
}

/** Lavalink's `empty` load result: nothing matched the identifier. */
export function emptyLoadResult(): EmptyLoadResult {
  return { loadType: "empty", data: {} };
}

/**
 * A Lavalink exception object with realistic defaults: the message lavaplayer uses when a lookup
 * throws, severity `fault`, and a Java-looking cause and stack trace (Lavalink ≥ 4.0.6 sends both).
 */
export function mockException(overrides: Partial<LavalinkException> = {}): LavalinkException {
  const message =
    overrides.message === undefined ? "Something went wrong while looking up the track." : overrides.message;
  const cause = overrides.cause ?? `java.lang.RuntimeException: ${message ?? "Simulated failure"}`;
  return {
    message,
    severity: overrides.severity ?? "fault",
    cause,
    causeStackTrace:
      overrides.causeStackTrace ??
      `${cause}\n\tat dev.sonora.simulator.Catalog.load(Catalog.kt:1)\n\tat lavalink.server.util.LoadingKt.loadAudioItem(loading.kt:37)\n`,
  };
}

/** Wraps an exception (completed by {@link mockException}) as Lavalink's `error` load result. */
export function errorLoadResult(exception: Partial<LavalinkException> = {}): ErrorLoadResult {
  return { loadType: "error", data: mockException(exception) };
}

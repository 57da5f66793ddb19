import type { Chapter, KnownPluginEvent, LavalinkEvent, Lyrics, Segment } from "../../protocol/index.js";
import type { Catalog } from "../deps.js";
import type { MarkerState, SimPlayer } from "../player.js";
import type { SimPluginId } from "./plugin-set.js";

/** Per-session plugin state, as each plugin keeps it per `ISocketContext` (reset when a socket opens). */
export interface PluginSessionState {
  /** SponsorBlock: categories to skip, by guild (a set in order of first mention). */
  readonly sponsorCategories: Map<string, string[]>;
  /** LavaLyrics: subscribed guilds and their `skipTrackSource`. */
  readonly lyricsSubscriptions: Map<string, { skipTrackSource: boolean }>;
}

/** What the runtime needs of a session. */
export interface PluginSession {
  readonly plugins: PluginSessionState;
  sendEvent(event: LavalinkEvent | KnownPluginEvent): void;
}

/** A marker fires for these states (lavaplayer also reports STOPPED and ENDED, which plugins ignore). */
const FIRES = new Set<MarkerState>(["REACHED", "LATE", "BYPASSED"]);

/**
 * The simulated plugins' behaviour on the playback timeline, driven by the catalog's plugin
 * content: SponsorBlock's `onTrackStart` (SegmentsLoaded, ChaptersLoaded, then a marker chain that
 * skips segments and announces chapters) and LavaLyrics' live lyrics (LyricsFound / NotFound, then
 * a marker per line).
 */
export class SimPluginRuntime {
  constructor(
    /** The plugins this node runs. */
    readonly enabled: ReadonlySet<SimPluginId>,
    private readonly catalog: Catalog,
  ) {}

  /** Whether the node runs `id`. */
  has(id: SimPluginId): boolean {
    return this.enabled.has(id);
  }

  /** Fresh per-session state (a socket opened, new or resumed: the plugins reset it then). */
  static freshState(): PluginSessionState {
    return { sponsorCategories: new Map(), lyricsSubscriptions: new Map() };
  }

  /** Each plugin's `onTrackStart`, after Lavalink's TrackStartEvent. */
  trackStarted(session: PluginSession, player: SimPlayer): void {
    if (this.has("sponsorblock")) this.startSegments(session, player);
    if (this.has("lyrics") && session.plugins.lyricsSubscriptions.has(player.guildId)) {
      this.startLyrics(session, player);
    }
  }

  /**
   * LavaLyrics: sends LyricsFoundEvent and arms a marker per line, or LyricsNotFoundEvent when the
   * track has no timed lines. Nothing without a track.
   */
  startLyrics(session: PluginSession, player: SimPlayer): void {
    const track = player.loaded;
    if (track === null) return;
    const guildId = player.guildId;
    const lyrics = this.catalog.lyricsFor(track.info);
    const lines = lyrics?.lines ?? null;
    if (lyrics === null || lines === null || lines.length === 0) {
      session.sendEvent({ op: "event", type: "LyricsNotFoundEvent", guildId });
      return;
    }
    session.sendEvent({ op: "event", type: "LyricsFoundEvent", guildId, lyrics: lyrics as Lyrics });
    let index = 0;
    const arm = (): void => {
      const line = lines[index];
      if (line === undefined) return;
      player.addMarker({
        at: line.timestamp,
        fire: (state) => {
          if (!FIRES.has(state) || player.loaded !== track) return;
          const lineIndex = index++;
          session.sendEvent({
            op: "event",
            type: "LyricsLineEvent",
            guildId,
            lineIndex,
            line: lines[lineIndex] ?? line,
            skipped: state !== "REACHED",
          });
          arm();
        },
      });
    };
    arm();
  }

  /** SponsorBlock's onTrackStart: only YouTube tracks, only when the player set categories. */
  private startSegments(session: PluginSession, player: SimPlayer): void {
    const track = player.loaded;
    if (track === null || track.info.sourceName !== "youtube") return;
    const categories = session.plugins.sponsorCategories.get(player.guildId);
    if (categories === undefined) return;
    const guildId = player.guildId;
    const segments = this.catalog.segmentsFor(track.info).filter((s) => categories.includes(s.category));
    if (segments.length > 0) session.sendEvent({ op: "event", type: "SegmentsLoaded", guildId, segments });
    const chapters = this.catalog.chaptersFor(track.info);
    if (chapters.length > 0) session.sendEvent({ op: "event", type: "ChaptersLoaded", guildId, chapters });
    type Markable = { segment: Segment } | { chapter: Chapter };
    const markables: Markable[] = [
      ...segments.map((segment) => ({ segment })),
      ...chapters.map((chapter) => ({ chapter })),
    ].sort((a, b) => startOf(a) - startOf(b));
    let index = 0;
    const arm = (): void => {
      const next = markables[index];
      if (next === undefined) return;
      player.addMarker({
        at: startOf(next),
        fire: (state) => {
          if (!FIRES.has(state) || player.loaded !== track) return;
          const current = markables[index++];
          if (current !== undefined && "chapter" in current) {
            session.sendEvent({ op: "event", type: "ChapterStarted", guildId, chapter: current.chapter });
          } else if (current !== undefined) {
            // SegmentHandler: the position jumps to the segment's end, then the event goes out.
            player.seek(current.segment.end);
            session.sendEvent({ op: "event", type: "SegmentSkipped", guildId, segment: current.segment });
          }
          arm();
        },
      });
    };
    arm();
  }
}

function startOf(m: { segment: Segment } | { chapter: Chapter }): number {
  return "segment" in m ? m.segment.start : m.chapter.start;
}

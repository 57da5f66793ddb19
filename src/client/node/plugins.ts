import {
  type JavaLyrics,
  type JavaLyricsSearchHit,
  type KnownPlugin,
  type Lyrics,
  type NodeInfo,
  PLUGIN_NAMES,
  type PluginInfo,
  PluginRoutes,
  type SearchResult,
  type SearchType,
  validateLyrics,
  validateSearchResult,
  validateStringArray,
} from "../../protocol/index.js";
import { PluginUnavailableError } from "../errors/plugin-unavailable-error.js";
import { PLUGIN_FILTER_OWNERS } from "../filters/plugin-filters.js";
import * as javaLyrics from "./java-lyrics.js";
import type { NodeRequests } from "./requests.js";
import type { RestClient } from "./rest.js";

/** Options of the LavaLyrics calls. */
export interface LyricsOptions {
  /**
   * Skip the lyrics source of the track's own source (e.g. Spotify's lyrics for a Spotify track)
   * and ask the next configured source. Default false.
   */
  skipTrackSource?: boolean;
}

/** What the plugin calls need of their node. @internal */
export interface PluginAccess {
  readonly name: string;
  readonly rest: RestClient;
  readonly requests: NodeRequests;
}

/**
 * The plugins a node runs, read from its `GET /v4/info` (fetched once per session, on first use),
 * and the REST calls of LavaSearch, LavaLyrics and SponsorBlock. Every call first checks that the
 * node advertises the plugin and rejects with {@link PluginUnavailableError} — nothing is sent —
 * when it does not. Reach it as `node.plugins`; players and the client use it for their own calls.
 */
export class NodePlugins {
  private pending: Promise<NodeInfo> | null = null;

  /** @internal Created by the node. */
  constructor(private readonly access: PluginAccess) {}

  /** The node's `/v4/info`: the cached answer, else fetched now (once, however many ask at once). */
  async info(): Promise<NodeInfo> {
    const cached = this.access.requests.info;
    if (cached !== null) return cached;
    this.pending ??= this.access.requests.fetchInfo().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The plugins the node advertises (name and version). */
  async list(): Promise<PluginInfo[]> {
    return [...(await this.info()).plugins];
  }

  /** Whether the node runs a plugin, by short name (`"lyrics"`) or by the name it reports. */
  async has(plugin: KnownPlugin | (string & {})): Promise<boolean> {
    const name = plugin in PLUGIN_NAMES ? PLUGIN_NAMES[plugin as KnownPlugin] : plugin;
    return (await this.info()).plugins.some((p) => p.name === name);
  }

  /** Whether the node accepts a filter (a built-in one or a plugin's filter extension) by name. */
  async hasFilter(name: string): Promise<boolean> {
    return (await this.info()).filters.includes(name);
  }

  /**
   * Rejects with {@link PluginUnavailableError} when one of these `pluginFilters` names belongs to
   * a plugin Sonora knows ({@link PLUGIN_FILTER_OWNERS}) and the node does not list it in
   * `/v4/info` `filters`. Names of other plugins are not checked: the node decides.
   */
  async requireFilters(names: readonly string[]): Promise<void> {
    const known = names.filter((n) => Object.hasOwn(PLUGIN_FILTER_OWNERS, n));
    if (known.length === 0) return;
    let offered: readonly string[];
    try {
      offered = (await this.info()).filters;
    } catch {
      // No /v4/info answer (an odd or old node): nothing to check against, the node decides.
      return;
    }
    const missing = known.find((n) => !offered.includes(n));
    if (missing !== undefined) {
      throw new PluginUnavailableError(
        this.access.name,
        PLUGIN_FILTER_OWNERS[missing] ?? missing,
        `use the "${missing}" plugin filter`,
      );
    }
  }

  /** Rejects with {@link PluginUnavailableError} unless the node runs `plugin`. */
  async require(plugin: KnownPlugin, feature: string): Promise<void> {
    if (!(await this.has(plugin))) {
      throw new PluginUnavailableError(this.access.name, PLUGIN_NAMES[plugin], feature);
    }
  }

  /** Forgets the cached `/v4/info` (the node restarted: it may run other plugins now). @internal */
  forget(): void {
    this.access.requests.info = null;
  }

  // ── LavaSearch ────────────────────────────────────────────────────────────────────────────────

  /**
   * `GET /v4/loadsearch` (LavaSearch): `query` with a search prefix (`spsearch:…`); `types` limits
   * the kinds (all when empty). Resolves to null when the node answers 204 (no source took it).
   */
  async loadSearch(query: string, types: readonly SearchType[] = []): Promise<SearchResult | null> {
    await this.require("lavasearch", "search with LavaSearch");
    const answer = await this.access.rest.request<unknown>("GET", PluginRoutes.loadSearch(query, types));
    return answer === undefined ? null : validateSearchResult(answer);
  }

  // ── Lyrics: LavaLyrics, else java-lyrics-plugin ──────────────────────────────────────────────

  /**
   * Which lyrics plugin answers: LavaLyrics when the node runs it, else DuncteBot's
   * java-lyrics-plugin; rejects with {@link PluginUnavailableError} (naming both) when neither.
   */
  async lyricsPlugin(feature = "load lyrics"): Promise<"lyrics" | "java-lyrics"> {
    if (await this.has("lyrics")) return "lyrics";
    if (await this.has("java-lyrics")) return "java-lyrics";
    throw new PluginUnavailableError(this.access.name, PLUGIN_NAMES.lyrics, feature, [
      PLUGIN_NAMES["java-lyrics"],
    ]);
  }

  /**
   * Lyrics of an encoded track, null when none were found: LavaLyrics' `GET /v4/lyrics` (204: none),
   * else java-lyrics-plugin's `GET /v4/lyrics/{videoId}` (a non-YouTube track through its search
   * for the ISRC or "title - author"; `skipTrackSource` does not apply), mapped to {@link Lyrics}.
   */
  async lyrics(encodedTrack: string, options: LyricsOptions = {}): Promise<Lyrics | null> {
    if ((await this.lyricsPlugin()) === "java-lyrics") {
      const found = await javaLyrics.trackLyrics(this.access, encodedTrack);
      return found === null ? null : javaLyrics.fromJavaLyrics(found);
    }
    const answer = await this.access.rest.request<unknown>(
      "GET",
      PluginRoutes.lyrics(encodedTrack, options.skipTrackSource ?? false),
    );
    return answer === undefined ? null : validateLyrics(answer);
  }

  /**
   * Lyrics of the player's current track, null when none were found: LavaLyrics'
   * `GET …/track/lyrics` (404 "No track playing" without a track), else java-lyrics-plugin's
   * `GET …/lyrics` (400 "Not currently playing anything" without a track), mapped to {@link Lyrics}.
   */
  async currentLyrics(guildId: string, options: LyricsOptions = {}): Promise<Lyrics | null> {
    if ((await this.lyricsPlugin()) === "java-lyrics") {
      const found = await javaLyrics.playerLyrics(this.access, guildId);
      return found === null ? null : javaLyrics.fromJavaLyrics(found);
    }
    const answer = await this.access.requests.onSession("load lyrics", (session) =>
      this.access.rest.request<unknown>(
        "GET",
        PluginRoutes.currentLyrics(session, guildId, options.skipTrackSource ?? false),
      ),
    );
    return answer === undefined ? null : validateLyrics(answer);
  }

  /** `POST …/lyrics/subscribe` (LavaLyrics): live lyrics events for the guild's player. */
  async subscribeLyrics(guildId: string, options: LyricsOptions = {}): Promise<void> {
    await this.require("lyrics", "subscribe to live lyrics");
    await this.access.requests.onSession("subscribe to lyrics", (session) =>
      this.access.rest.request(
        "POST",
        // Not retried: a second subscribe re-announces the lyrics and arms the lines twice.
        PluginRoutes.lyricsSubscription(session, guildId, options.skipTrackSource ?? false),
      ),
    );
  }

  /** `DELETE …/lyrics/subscribe` (LavaLyrics). */
  async unsubscribeLyrics(guildId: string): Promise<void> {
    await this.require("lyrics", "unsubscribe from live lyrics");
    await this.access.requests.onSession("unsubscribe from lyrics", (session) =>
      this.access.rest.request("DELETE", PluginRoutes.lyricsSubscription(session, guildId), {
        idempotent: true,
      }),
    );
  }

  // ── java-lyrics-plugin (DuncteBot), in its own shape ─────────────────────────────────────────

  /** `GET /v4/lyrics/{videoId}` (java-lyrics-plugin): null on its 404 "Lyrics were not found". */
  async javaLyrics(videoId: string): Promise<JavaLyrics | null> {
    await this.require("java-lyrics", "load lyrics with java-lyrics-plugin");
    return javaLyrics.videoLyrics(this.access, videoId);
  }

  /** `GET /v4/lyrics/search?query=…` (java-lyrics-plugin): the YouTube Music videos for a query. */
  async javaLyricsSearch(query: string): Promise<JavaLyricsSearchHit[]> {
    await this.require("java-lyrics", "search with java-lyrics-plugin");
    return javaLyrics.searchVideos(this.access, query);
  }

  /**
   * `GET /v4/lyrics/search?query=…&source=genius` (java-lyrics-plugin): Genius' first text lyrics.
   * The node answers 500 when its config has no Genius key.
   */
  async javaGeniusLyrics(query: string): Promise<JavaLyrics | null> {
    await this.require("java-lyrics", "search Genius with java-lyrics-plugin");
    return javaLyrics.geniusLyrics(this.access, query);
  }

  /** `GET …/players/{guildId}/lyrics` (java-lyrics-plugin), in the plugin's own shape. */
  async javaPlayerLyrics(guildId: string): Promise<JavaLyrics | null> {
    await this.require("java-lyrics", "load lyrics with java-lyrics-plugin");
    return javaLyrics.playerLyrics(this.access, guildId);
  }

  // ── SponsorBlock ──────────────────────────────────────────────────────────────────────────────

  /** `GET …/sponsorblock/categories`; the node answers 404 "Guild not found" when none were set. */
  async sponsorBlockCategories(guildId: string): Promise<string[]> {
    await this.require("sponsorblock", "read SponsorBlock categories");
    const answer = await this.access.requests.onSession("read SponsorBlock categories", (session) =>
      this.access.rest.request<unknown>("GET", PluginRoutes.sponsorBlockCategories(session, guildId)),
    );
    return validateStringArray(answer);
  }

  /** `PUT …/sponsorblock/categories`: the categories skipped from the next track on. */
  async setSponsorBlockCategories(guildId: string, categories: readonly string[]): Promise<void> {
    await this.require("sponsorblock", "set SponsorBlock categories");
    await this.access.requests.onSession("set SponsorBlock categories", (session) =>
      this.access.rest.request("PUT", PluginRoutes.sponsorBlockCategories(session, guildId), {
        body: [...categories],
        idempotent: true,
      }),
    );
  }

  /** `DELETE …/sponsorblock/categories`: nothing is skipped any more. */
  async clearSponsorBlockCategories(guildId: string): Promise<void> {
    await this.require("sponsorblock", "clear SponsorBlock categories");
    await this.access.requests.onSession("clear SponsorBlock categories", (session) =>
      this.access.rest.request("DELETE", PluginRoutes.sponsorBlockCategories(session, guildId), {
        idempotent: true,
      }),
    );
  }
}

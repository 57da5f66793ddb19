import {
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

  // ── LavaLyrics ────────────────────────────────────────────────────────────────────────────────

  /** `GET /v4/lyrics` (LavaLyrics): lyrics of an encoded track, null when none were found (204). */
  async lyrics(encodedTrack: string, options: LyricsOptions = {}): Promise<Lyrics | null> {
    await this.require("lyrics", "load lyrics");
    const answer = await this.access.rest.request<unknown>(
      "GET",
      PluginRoutes.lyrics(encodedTrack, options.skipTrackSource ?? false),
    );
    return answer === undefined ? null : validateLyrics(answer);
  }

  /**
   * `GET …/players/{guildId}/track/lyrics` (LavaLyrics): lyrics of the player's current track, null
   * when none were found. The node answers 404 "No track playing" without a track.
   */
  async currentLyrics(guildId: string, options: LyricsOptions = {}): Promise<Lyrics | null> {
    await this.require("lyrics", "load lyrics");
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

import { PLUGIN_NAMES } from "../../protocol/index.js";
import { PluginUnavailableError } from "../errors/plugin-unavailable-error.js";
import type { Node } from "../node/node.js";
import type { LyricsOptions } from "../node/plugins.js";

/**
 * Plugin settings a node keeps per session and player, which Sonora re-applies on a new node
 * (`sponsorBlockCategories`, `lyricsSubscription`), or sends with the player and checks there
 * (`pluginFilters`: a node without the filter's plugin drops it, as Lavalink does).
 */
export type PluginStateKind = "sponsorBlockCategories" | "lyricsSubscription" | "pluginFilters";

/** A player's plugin setting could not be re-applied on its (new) node (`pluginStateLost`). */
export interface PluginStateLost {
  /** Which setting: the SponsorBlock categories or the live lyrics subscription. */
  readonly state: PluginStateKind;
  /** The plugin that keeps it, as `/v4/info` names it. */
  readonly plugin: string;
  /** The node the player is on now, which does not have it. */
  readonly node: Node;
  /**
   * Why: a `PluginUnavailableError` when that node does not run the plugin (nothing was sent), else
   * the node's answer (a `LavalinkRestError`, …).
   */
  readonly error: Error;
  /**
   * The setting the player keeps wanting: the categories or the subscription's options, applied again
   * on the next node that runs the plugin; for `pluginFilters`, the names of the plugin filters the
   * player had before the move (the node dropped them, and the player's filters follow the node).
   */
  readonly wanted: readonly string[] | LyricsOptions;
}

/** What the re-application needs of its player. */
export interface PluginStateHost {
  readonly guildId: string;
  /** The node hosting the player now. */
  readonly node: Node;
  /** Names of the plugin filters the player's filters hold (`pluginFilters` keys). */
  pluginFilterNames(): string[];
  lost(event: PluginStateLost): void;
}

/** One setting: what the user asked for, and the node it is known to be in force on. */
interface Wish<T> {
  value: T;
  /** null: nowhere for sure (the node's socket reopened, which resets plugin state). */
  on: Node | null;
}

/**
 * Remembers the SponsorBlock categories and the live lyrics subscription a player was given, and
 * applies them again where the node does not have them: after a move (`moveTo`, failover), after
 * a rebuild on a new session, and after a resume (the plugins reset their state whenever a socket
 * opens). Only on a node that advertises the plugin; otherwise `pluginStateLost` says so.
 */
export class PlayerPluginState {
  private categories: Wish<string[]> | null = null;
  private lyrics: Wish<LyricsOptions> | null = null;
  /** The plugin filters the player held when its restore was sent. */
  private filtersSent: string[] = [];

  /** @internal Created by the player. */
  constructor(private readonly host: PluginStateHost) {}

  /** The categories were set on the current node. */
  categoriesSet(categories: readonly string[]): void {
    this.categories = { value: [...categories], on: this.host.node };
  }

  /** The categories were cleared: nothing to carry over. */
  categoriesCleared(): void {
    this.categories = null;
  }

  /** Live lyrics were subscribed on the current node. */
  lyricsSubscribed(options: LyricsOptions): void {
    this.lyrics = { value: { ...options }, on: this.host.node };
  }

  /** Live lyrics were unsubscribed. */
  lyricsUnsubscribed(): void {
    this.lyrics = null;
  }

  /** The node's socket (re)opened: its plugins forgot this session's state. */
  socketOpened(node: Node): void {
    if (this.categories?.on === node) this.categories.on = null;
    if (this.lyrics?.on === node) this.lyrics.on = null;
  }

  /**
   * Before the player is (re)created on its node: the categories, so the plugin sees them when the
   * restored track starts (SponsorBlock needs no player for them).
   */
  async beforeRestore(): Promise<void> {
    // Read now: the restore's answer is the node's word on the filters, without what it dropped.
    this.filtersSent = this.host.pluginFilterNames();
    await this.applyCategories(true);
  }

  /**
   * After the player is on its node: the subscription, unless that node's session still has it
   * (LavaLyrics keeps it past the player's deletion, and a second one would announce twice).
   */
  async afterRestore(): Promise<void> {
    await this.applyLyrics();
    await this.checkFilters();
  }

  /** Everything the current node lacks (after a resume: the player is still there). */
  async reapply(): Promise<void> {
    await this.applyCategories();
    await this.applyLyrics();
  }

  /**
   * `always`: SponsorBlock drops a player's categories with the player, so a player (re)created on
   * a node needs them again even where the session kept everything else.
   */
  private async applyCategories(always = false): Promise<void> {
    const wish = this.categories;
    const node = this.host.node;
    if (wish === null || (wish.on === node && !always)) return;
    await this.apply("sponsorBlockCategories", "sponsorblock", wish.value, node, async () => {
      await node.plugins.setSponsorBlockCategories(this.host.guildId, wish.value);
      wish.on = node;
    });
  }

  private async applyLyrics(): Promise<void> {
    const wish = this.lyrics;
    const node = this.host.node;
    if (wish === null || wish.on === node) return;
    await this.apply("lyricsSubscription", "lyrics", wish.value, node, async () => {
      await node.plugins.subscribeLyrics(this.host.guildId, wish.value);
      wish.on = node;
    });
  }

  /**
   * The restore sent the player's filters whole; a node that lacks a known filter plugin dropped
   * that entry without a word (Lavalink's FilterChain), and the player's filters now say what the
   * node kept, as after any update. Said here, with the names it had, so a bot can tell its users
   * or set them again on a node that has the plugin.
   */
  private async checkFilters(): Promise<void> {
    const names = this.filtersSent;
    this.filtersSent = [];
    if (names.length === 0) return;
    const node = this.host.node;
    try {
      await node.plugins.requireFilters(names);
    } catch (error) {
      if (!(error instanceof PluginUnavailableError)) return;
      this.host.lost({ state: "pluginFilters", plugin: error.plugin, node, error, wanted: names });
    }
  }

  private async apply(
    state: PluginStateKind,
    plugin: "sponsorblock" | "lyrics",
    wanted: readonly string[] | LyricsOptions,
    node: Node,
    send: () => Promise<void>,
  ): Promise<void> {
    let error: Error;
    try {
      // Asked first so a node without the plugin gets nothing (the call would refuse the same way).
      if (await node.plugins.has(plugin)) {
        await send();
        return;
      }
      error = new PluginUnavailableError(node.name, PLUGIN_NAMES[plugin], `re-apply the ${describe(state)}`);
    } catch (failure) {
      error = failure instanceof Error ? failure : new Error(String(failure));
    }
    this.host.lost({ state, plugin: PLUGIN_NAMES[plugin], node, error, wanted });
  }
}

function describe(state: PluginStateKind): string {
  return state === "sponsorBlockCategories" ? "SponsorBlock categories" : "live lyrics subscription";
}

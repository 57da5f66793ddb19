import { SEGMENT_CATEGORIES, type SegmentCategory } from "../../protocol/index.js";
import { InvalidOptionError } from "../errors/invalid-option-error.js";
import type { NodePlugins } from "../node/plugins.js";

/** What the SponsorBlock helper needs of its player. @internal */
export interface SponsorBlockHost {
  readonly guildId: string;
  /** The plugins of the node hosting the player now. */
  readonly plugins: NodePlugins;
  assertUsable(action: string): void;
  /** The categories are in force on the current node (remembered for the next node). */
  categoriesSet(categories: readonly string[]): void;
  /** Nothing is skipped any more. */
  categoriesCleared(): void;
}

/**
 * A player's SponsorBlock settings (the `sponsorblock-plugin`'s categories route). Categories apply
 * from the next YouTube track that starts: its segments of those categories are skipped (the
 * player emits `segmentsLoaded`, then `segmentSkipped` at each jump) and its chapters announced
 * (`chaptersLoaded`, `chapterStarted`). The plugin keeps them per session and player, and forgets
 * them when a socket opens: the player sets them again by itself after a move (`moveTo`,
 * failover), a rebuild on a new session, and a resume — on a node without the plugin it emits
 * `pluginStateLost` instead.
 */
export class PlayerSponsorBlock {
  /** @internal Created by the player. */
  constructor(private readonly host: SponsorBlockHost) {}

  /**
   * The categories skipped now. The node answers 404 "Guild not found" (a `LavalinkRestError`) when
   * none were set for this player.
   */
  async getCategories(): Promise<string[]> {
    this.host.assertUsable("read the SponsorBlock categories of");
    return this.host.plugins.sponsorBlockCategories(this.host.guildId);
  }

  /**
   * Skips these categories from the next track on. Names SponsorBlock does not know are refused
   * here with `InvalidOptionError` (the plugin would keep them, and then find no segments at all);
   * `[]` skips nothing but still reports chapters.
   */
  async setCategories(categories: readonly SegmentCategory[]): Promise<void> {
    this.host.assertUsable("set the SponsorBlock categories of");
    if (
      !Array.isArray(categories) ||
      !categories.every((c) => (SEGMENT_CATEGORIES as readonly string[]).includes(c))
    ) {
      throw new InvalidOptionError(
        "categories",
        categories,
        `an array of SponsorBlock categories (${SEGMENT_CATEGORIES.join(", ")})`,
      );
    }
    const unique = [...new Set(categories)];
    await this.host.plugins.setSponsorBlockCategories(this.host.guildId, unique);
    this.host.categoriesSet(unique);
  }

  /** Stops skipping (and reporting chapters) from the next track on. */
  async clearCategories(): Promise<void> {
    this.host.assertUsable("clear the SponsorBlock categories of");
    // Forgotten first: a move during the request must not set them on the new node again.
    this.host.categoriesCleared();
    await this.host.plugins.clearSponsorBlockCategories(this.host.guildId);
  }
}

import type { TrackEndReason } from "../../protocol/index.js";

/** One queued track and everything both sides said about it. */
export interface TrackAccount {
  guildId: string;
  /** `info.identifier` (unique within a run: the accounting refuses duplicates). */
  identifier: string;
  /** Position in the guild's queue when it was queued (0 = played first). */
  queueIndex: number;
  /** Every start the nodes generated (a move to another node adds one at the position it resumed from). */
  nodeStarts: { node: string; at: number; position: number }[];
  /** Every end the nodes generated, with its reason. */
  nodeEnds: { node: string; at: number; reason: TrackEndReason | undefined }[];
  /** `trackStart` emissions of the client for this track. */
  clientStarts: number;
  /** Reasons of the client's `trackEnd` emissions for this track. */
  clientEnds: TrackEndReason[];
}

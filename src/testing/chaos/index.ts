export { ChaosAccounting, type QueuedTrackLike, type TrackAccount } from "./accounting.js";
export { type GuildEndState, inspectEndState, type LabelledSimulator } from "./end-state.js";
export { type NodeTrackEvent, readNodeTrackEvents } from "./node-track-events.js";
export type { ChaosReport, ChaosReportMeta } from "./report.js";
export { type ChaosKill, type ChaosSoakOptions, runChaosSoak, SEED_FAULT_KNOBS } from "./soak.js";
export { formatAccountingTable } from "./table.js";

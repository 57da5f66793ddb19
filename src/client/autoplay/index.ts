export * from "./engine.js";
export * from "./errors.js";
export type { ScoreFeatures, ScoreWeights } from "./scoring.js";

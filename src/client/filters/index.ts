export * from "./equalizer.js";
export * from "./errors.js";
export * from "./filter-manager.js";
export * from "./plugin-filters.js";
export * from "./presets.js";

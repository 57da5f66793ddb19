/**
 * Sonora's offline testing kit: the Lavalink protocol simulator, the mock factory and fixtures.
 * @module
 */
export {};

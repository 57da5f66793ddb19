import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A call needs a Lavalink plugin the node does not advertise in `GET /v4/info`: nothing was sent.
 * `plugin` is the name the plugin reports (`lavalyrics-plugin`, `sponsorblock-plugin`, …).
 */
export class PluginUnavailableError extends SonoraError {
  readonly code = "PLUGIN_UNAVAILABLE";
  constructor(
    /** Name of the node asked. */
    readonly node: string,
    /** The plugin's name as `/v4/info` would list it. */
    readonly plugin: string,
    /** What was asked for (for the message). */
    readonly feature: string,
  ) {
    super(`node "${node}" cannot ${feature}: it does not run ${plugin} (not listed in GET /v4/info plugins)`);
  }
}

import { SonoraError } from "../../base/errors/sonora-error.js";

/**
 * A call needs a Lavalink plugin the node does not advertise in `GET /v4/info`: nothing was sent.
 * `plugin` is the name the plugin reports (`lavalyrics-plugin`, `sponsorblock-plugin`, …); when
 * another plugin could have served the call, `alternatives` names it too.
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
    /** Other plugins that would have served the call (java-lyrics-plugin for lyrics), none listed either. */
    readonly alternatives: readonly string[] = [],
  ) {
    super(
      `node "${node}" cannot ${feature}: it ${
        alternatives.length === 0
          ? `does not run ${plugin}`
          : `runs neither ${[plugin, ...alternatives].join(" nor ")}`
      } (not listed in GET /v4/info plugins)`,
    );
  }
}

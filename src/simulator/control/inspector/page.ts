import { INSPECTOR_JS } from "./script.js";
import { INSPECTOR_CSS } from "./style.js";

/**
 * The inspector, one self-contained HTML document: its style and script inline, nothing fetched
 * but the control API of the node serving it (so it works offline, and the package ships it as a
 * string — no file to copy next to the compiled code). Fed by server-sent events, never polled.
 */
export function inspectorPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sonora inspector</title>
<style>${INSPECTOR_CSS}</style>
</head>
<body>
<header>
  <h1>Sonora inspector</h1>
  <span id="live" class="pill warn">connecting…</span>
  <span id="node-state" class="pill">node</span>
  <span id="clock" class="muted mono"></span>
  <span id="message" role="status"></span>
</header>
<main>
  <section class="card" aria-labelledby="players-title">
    <h2 id="players-title">Players</h2>
    <p id="players-empty" class="muted">No players yet.</p>
    <div id="players"></div>
  </section>
  <div>
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p id="sessions-empty" class="muted">No client is connected.</p>
      <table><tbody id="sessions-body"></tbody></table>
    </section>
    <section class="card" aria-labelledby="faults-title" style="margin-top:12px">
      <h2 id="faults-title">Faults in force</h2>
      <p id="faults-empty" class="muted">None: traffic passes untouched.</p>
      <table><tbody id="faults-body"></tbody></table>
      <form id="fault-form" class="add">
        <select id="fault-type" aria-label="fault type"></select>
        <input id="fault-toxicity" type="number" min="0" max="1" step="0.05" value="1" aria-label="toxicity" title="toxicity (0..1)">
        <input id="fault-attrs" class="full" placeholder="attributes, e.g. latency=300, scope=ws" aria-label="attributes">
        <div class="full actions">
          <button class="primary" type="submit" id="add-fault">Add fault</button>
          <button type="button" id="clear-faults">Remove all</button>
          <button type="button" id="kill" class="danger" title="kill the node; it comes back 2 s later">Kill node 2 s</button>
        </div>
      </form>
    </section>
  </div>
  <section class="card wide" aria-labelledby="traffic-title">
    <h2 id="traffic-title">Frames and REST exchanges (newest first; fault marks in red)</h2>
    <div class="traffic">
      <table>
        <thead><tr><th>time</th><th>dir</th><th>what</th><th class="hide-narrow">guild</th><th>faults</th><th class="body">body</th></tr></thead>
        <tbody id="log-body"></tbody>
      </table>
    </div>
  </section>
</main>
<script>${INSPECTOR_JS}</script>
</body>
</html>
`;
}

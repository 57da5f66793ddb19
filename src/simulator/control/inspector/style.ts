/** The inspector's stylesheet: light and dark, one column below 900 px. */
export const INSPECTOR_CSS = `
:root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --ink: #1d2430; --mute: #5d6776; --line: #dde1e7;
  --accent: #2f6fde; --bad: #c62f2f; --warn: #b86e00; --ok: #1f8a4c; --mono: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
@media (prefers-color-scheme: dark) { :root { --bg: #14171c; --card: #1c2027; --ink: #e4e8ee; --mute: #9aa4b2;
  --line: #2e343d; --accent: #6b9cff; --bad: #ff6b6b; --warn: #f0a530; --ok: #4cc38a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--ink); }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--card); }
header h1 { font-size: 17px; margin: 0; }
.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; border: 1px solid var(--line); color: var(--mute); }
.pill.ok { color: var(--ok); border-color: var(--ok); } .pill.bad { color: var(--bad); border-color: var(--bad); }
.pill.warn { color: var(--warn); border-color: var(--warn); }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; padding: 12px; }
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; min-width: 0; }
section.card h2 { font-size: 14px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--mute); }
.wide { grid-column: 1 / -1; }
.muted { color: var(--mute); } .mono { font-family: var(--mono); font-size: 12px; }
table { width: 100%; border-collapse: collapse; } td, th { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--mute); font-size: 12px; }
.player { border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin-bottom: 8px; }
.player .title { font-weight: 600; overflow-wrap: anywhere; }
.bar { height: 8px; background: var(--line); border-radius: 4px; overflow: hidden; margin: 6px 0 2px; }
.bar > div { height: 100%; width: 0; background: var(--accent); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; color: var(--mute); }
.timeline { margin: 6px 0 0; padding: 0; list-style: none; max-height: 160px; overflow: auto; font-size: 12px; }
.timeline li { padding: 1px 0; } .timeline .k { display: inline-block; min-width: 74px; font-weight: 600; }
.k.fault, .k.exception, .k.stuck, .k.voice-close { color: var(--bad); } .k.start, .k.play { color: var(--ok); }
.k.pause, .k.seek { color: var(--warn); }
.traffic { max-height: 360px; overflow: auto; } .traffic td { font-family: var(--mono); font-size: 12px; }
.traffic td:nth-child(-n+2) { white-space: nowrap; } .traffic td:nth-child(3), #sessions-body td.mono { overflow-wrap: anywhere; }
#faults-body td:first-child { white-space: nowrap; } #faults-body td:nth-child(4) { overflow-wrap: anywhere; }
.traffic tr.hit td { background: color-mix(in srgb, var(--bad) 12%, transparent); }
.mark { color: var(--bad); font-weight: 600; }
.body { max-width: 420px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--mute); }
@media (max-width: 600px) { .body, .hide-narrow { display: none; } }
form.add { display: grid; grid-template-columns: 1fr 80px; gap: 6px; margin-top: 8px; }
form.add input, form.add select { width: 100%; padding: 4px 6px; font: inherit; background: var(--bg); color: var(--ink); border: 1px solid var(--line); border-radius: 4px; }
form.add .full { grid-column: 1 / -1; }
button { font: inherit; padding: 3px 10px; border-radius: 4px; border: 1px solid var(--line); background: var(--bg); color: var(--ink); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); } button.danger { color: var(--bad); }
.actions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
#message { min-height: 1.2em; font-size: 12px; } #message.bad { color: var(--bad); }
`;

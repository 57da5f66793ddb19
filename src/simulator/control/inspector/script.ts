/** The inspector page's script: plain JavaScript, no dependencies, run as an inline script. */
export const INSPECTOR_JS = `
"use strict";
(function () {
  var token = new URLSearchParams(location.search).get("token") || "";
  var BASE = "/_sonora";
  var FAULT_TYPES = ["latency", "latency-spike", "bandwidth", "packet-loss", "reset", "timeout", "rest-error",
    "ws-close", "voice-close", "track-exception", "track-stuck", "slow-node"];
  var MAX_LOG_ROWS = 150;
  var TIMELINE_ITEMS = 30;
  var state = null;
  var receivedAt = 0;
  var timelines = new Map();
  var $ = function (id) { return document.getElementById(id); };

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") el.textContent = attrs[k];
      else if (k === "className") el.className = attrs[k];
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), attrs[k]);
      else el.setAttribute(k, attrs[k]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return el;
  }

  function say(text, bad) {
    var m = $("message");
    m.textContent = text;
    m.className = bad ? "bad" : "";
  }

  function api(method, path, body) {
    var init = { method: method, headers: { Authorization: "Bearer " + token } };
    if (body !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    return fetch(BASE + path, init).then(function (res) {
      return res.text().then(function (text) {
        var json = text ? JSON.parse(text) : null;
        if (!res.ok) throw new Error(json && json.error ? json.error.code + ": " + json.error.message : "HTTP " + res.status);
        return json;
      });
    });
  }

  function act(label, method, path, body) {
    return api(method, path, body).then(function () { say(label + ": done"); },
      function (error) { say(label + ": " + error.message, true); });
  }

  function clockText(ms) {
    var d = new Date(ms);
    return d.toISOString().slice(11, 23);
  }

  function duration(ms) {
    if (!isFinite(ms)) return "live";
    var s = Math.floor(ms / 1000);
    var m = Math.floor(s / 60);
    return m + ":" + String(s % 60).padStart(2, "0");
  }

  // ---- sessions ----
  function renderSessions() {
    var body = $("sessions-body");
    body.replaceChildren();
    var sessions = state ? state.sessions : [];
    $("sessions-empty").hidden = sessions.length > 0;
    sessions.forEach(function (s) {
      var status = s.connected ? h("span", { className: "pill ok", text: "connected" })
        : h("span", { className: "pill warn", text: s.awaitingResume ? "awaiting resume" : "closed" });
      body.appendChild(h("tr", { "data-session": s.id },
        h("td", { className: "mono", text: s.id }),
        h("td", { text: s.clientName || "(no Client-Name)" }),
        h("td", null, status),
        h("td", { className: "hide-narrow", text: String(s.players) + " players" + (s.queued ? ", " + s.queued + " queued" : "") }),
        h("td", null, h("button", { className: "danger", title: "cut the WebSocket without a close frame",
          onclick: function () { act("drop " + s.id, "POST", "/sessions/" + encodeURIComponent(s.id) + "/drop", {}); } }, "drop"))));
    });
  }

  // ---- players ----
  function filtersText(filters) {
    var names = Object.keys(filters || {}).filter(function (k) { return k !== "pluginFilters" || Object.keys(filters[k]).length > 0; });
    return names.length ? names.join(", ") : "none";
  }

  function playerKey(p) { return p.sessionId + "/" + p.guildId; }

  function renderPlayers() {
    var box = $("players");
    var players = state ? state.players : [];
    $("players-empty").hidden = players.length > 0;
    var seen = new Set();
    players.forEach(function (p) {
      var key = playerKey(p);
      seen.add(key);
      var card = box.querySelector('[data-player="' + CSS.escape(key) + '"]');
      if (!card) {
        card = h("div", { className: "player", "data-player": key, "data-guild": p.guildId },
          h("div", { className: "title" }),
          h("div", { className: "bar" }, h("div")),
          h("div", { className: "facts" }),
          h("div", { className: "actions" },
            h("button", { onclick: function () { act("voice close", "POST", "/players/" + p.guildId + "/voice-close", { sessionId: p.sessionId, code: 4006 }); } }, "voice close 4006"),
            h("button", { onclick: function () { act("track exception", "POST", "/players/" + p.guildId + "/track-exception", { sessionId: p.sessionId }); } }, "track exception"),
            h("button", { onclick: function () { act("track stuck", "POST", "/players/" + p.guildId + "/track-stuck", { sessionId: p.sessionId, thresholdMs: 2000 }); } }, "track stuck")),
          h("ul", { className: "timeline" }));
        box.appendChild(card);
      }
      var info = p.track ? p.track.info : null;
      card.querySelector(".title").textContent = info ? info.title + " — " + info.author : "(no track)";
      card._player = p;
      var facts = card.querySelector(".facts");
      facts.replaceChildren(
        h("span", { text: "guild " + p.guildId }),
        h("span", { "data-field": "position" }),
        h("span", { "data-field": "paused", text: p.paused ? "paused" : (p.track ? "playing" : "idle") }),
        h("span", { "data-field": "volume", text: "volume " + p.volume }),
        h("span", { "data-field": "filters", text: "filters: " + filtersText(p.filters) }),
        h("span", { text: p.state.connected ? "voice connected" : "voice not connected" }),
        h("span", { className: "hide-narrow mono", text: "session " + p.sessionId }));
      renderTimeline(card, p.guildId);
    });
    box.querySelectorAll(".player").forEach(function (card) {
      if (!seen.has(card.getAttribute("data-player"))) card.remove();
    });
    tick();
  }

  function renderTimeline(card, guildId) {
    var list = card.querySelector(".timeline");
    var items = timelines.get(guildId) || [];
    list.replaceChildren();
    items.slice(-TIMELINE_ITEMS).reverse().forEach(function (item) {
      list.appendChild(h("li", { "data-kind": item.kind },
        h("span", { className: "mono muted", text: clockText(item.at) + " " }),
        h("span", { className: "k " + item.kind, text: item.kind }), " ", item.detail));
    });
  }

  // Positions move between pushes: from the last reported one, at the clock's speed (a virtual
  // clock only moves when advanced, so its positions stay as pushed).
  function tick() {
    document.querySelectorAll(".player").forEach(function (card) {
      var p = card._player;
      if (!p) return;
      var length = p.track ? p.track.info.length : 0;
      var position = p.state.position;
      if (state && state.node.clock.kind === "real" && p.advancing) {
        var t = p.filters && p.filters.timescale ? (p.filters.timescale.speed || 1) * (p.filters.timescale.rate || 1) : 1;
        position += (performance.now() - receivedAt) * state.node.clock.timeScale * t;
      }
      if (length > 0 && !p.track.info.isStream) position = Math.min(position, length);
      var bar = card.querySelector(".bar > div");
      bar.style.width = length > 0 && !p.track.info.isStream ? (100 * position / length).toFixed(2) + "%" : "0";
      var field = card.querySelector('[data-field="position"]');
      if (field) {
        field.textContent = duration(position) + " / " + (p.track ? duration(p.track.info.isStream ? Infinity : length) : "–");
        field.setAttribute("data-ms", String(Math.floor(position)));
      }
    });
  }

  function frame() { tick(); requestAnimationFrame(frame); }

  // ---- faults ----
  function renderFaults() {
    var body = $("faults-body");
    body.replaceChildren();
    var faults = state ? state.faults : [];
    $("faults-empty").hidden = faults.length > 0;
    faults.forEach(function (f) {
      var rest = {};
      Object.keys(f).forEach(function (k) { if (["id", "type", "toxicity"].indexOf(k) < 0) rest[k] = f[k]; });
      body.appendChild(h("tr", { "data-fault": f.id },
        h("td", { className: "mono", text: f.id }),
        h("td", { text: f.type }),
        h("td", { text: String(f.toxicity) }),
        h("td", { className: "mono hide-narrow", text: JSON.stringify(rest) }),
        h("td", null, h("button", { className: "danger", "data-remove": f.id,
          onclick: function () { act("remove " + f.id, "DELETE", "/faults/" + encodeURIComponent(f.id)); } }, "remove"))));
    });
  }

  // "latency=300, scope=ws" → { latency: 300, scope: "ws" }, as the --fault flag writes attributes.
  function attributes(text) {
    var out = {};
    text.split(",").map(function (s) { return s.trim(); }).filter(Boolean).forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i < 1) throw new Error("write attributes as key=value, got " + JSON.stringify(pair));
      var key = pair.slice(0, i).trim();
      var raw = pair.slice(i + 1).trim();
      out[key] = raw === "true" ? true : raw === "false" ? false : raw !== "" && !isNaN(Number(raw)) ? Number(raw) : raw;
    });
    return out;
  }

  function addFault(event) {
    event.preventDefault();
    var spec;
    try {
      spec = attributes($("fault-attrs").value);
    } catch (error) { say(error.message, true); return; }
    spec.type = $("fault-type").value;
    var toxicity = $("fault-toxicity").value;
    if (toxicity !== "") spec.toxicity = Number(toxicity);
    act("add " + spec.type, "POST", "/faults", spec);
  }

  // ---- traffic ----
  function describe(e) {
    if (e.kind === "rest") return (e.method || "") + " " + (e.path || "") + (e.status !== undefined ? " → " + e.status : "");
    return (e.op || "") + (e.type ? " " + e.type : "");
  }

  function logRow(e) {
    var marks = (e.faults || []).map(function (m) { return m.id + ": " + m.effect; }).join("; ");
    return h("tr", { className: marks ? "hit" : "" },
      h("td", { text: clockText(e.at) }),
      h("td", { text: (e.direction === "in" ? "→ " : "← ") + e.kind }),
      h("td", { text: describe(e) + (e.note ? " (" + e.note + ")" : "") }),
      h("td", { className: "hide-narrow", text: e.guildId || "" }),
      h("td", { className: "mark", text: marks }),
      h("td", { className: "body", text: (e.body || "").slice(0, 200) }));
  }

  function addLog(e) {
    var body = $("log-body");
    body.insertBefore(logRow(e), body.firstChild);
    while (body.children.length > MAX_LOG_ROWS) body.removeChild(body.lastChild);
  }

  // ---- node ----
  function renderNode() {
    var node = state ? state.node : null;
    var pill = $("node-state");
    pill.textContent = node && node.running ? "node running" : "node down";
    pill.className = "pill " + (node && node.running ? "ok" : "bad");
    $("clock").textContent = node ? node.clock.kind + " clock" + (node.clock.kind === "real" && node.clock.timeScale !== 1 ? " ×" + node.clock.timeScale : "") + " · " + clockText(node.clock.now) : "";
  }

  function renderAll() { renderNode(); renderSessions(); renderPlayers(); renderFaults(); }

  function addTimeline(item) {
    var list = timelines.get(item.guildId);
    if (!list) { list = []; timelines.set(item.guildId, list); }
    list.push(item);
    if (list.length > 100) list.shift();
  }

  function connect() {
    var live = $("live");
    var source = new EventSource(BASE + "/events?token=" + encodeURIComponent(token));
    source.addEventListener("hello", function (e) {
      var d = JSON.parse(e.data);
      state = d.state; receivedAt = performance.now();
      timelines = new Map();
      d.timeline.forEach(addTimeline);
      $("log-body").replaceChildren();
      d.log.forEach(addLog);
      live.textContent = "live"; live.className = "pill ok";
      renderAll();
    });
    source.addEventListener("state", function (e) {
      state = JSON.parse(e.data); receivedAt = performance.now();
      renderAll();
    });
    source.addEventListener("log", function (e) { addLog(JSON.parse(e.data)); });
    source.addEventListener("timeline", function (e) {
      var item = JSON.parse(e.data);
      addTimeline(item);
      document.querySelectorAll('.player[data-guild="' + CSS.escape(item.guildId) + '"]').forEach(function (card) { renderTimeline(card, item.guildId); });
    });
    source.onerror = function () {
      live.textContent = "reconnecting…"; live.className = "pill warn";
      if (state) { state.node.running = false; renderNode(); }
    };
  }

  function init() {
    var select = $("fault-type");
    FAULT_TYPES.forEach(function (t) { select.appendChild(h("option", { value: t, text: t })); });
    $("fault-form").addEventListener("submit", addFault);
    $("clear-faults").addEventListener("click", function () { act("clear faults", "DELETE", "/faults"); });
    $("kill").addEventListener("click", function () { act("kill node for 2 s", "POST", "/node/kill", { downMs: 2000 }); });
    if (!token) say("no token in the URL: open the address sonora sim --inspect printed", true);
    connect();
    requestAnimationFrame(frame);
  }

  init();
})();
`;

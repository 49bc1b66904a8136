// Townlet dashboard: renders the digests that `townlet listen --http` pushes by Server-Sent Events.
// No libraries, nothing from the internet. Text from the stream is only ever set as textContent.
(function () {
  "use strict";
  var HISTORY = 120;          // chart points kept per run (about two minutes at the push rate of the heartbeat)
  var IDLE_MS = 3000;         // "stream idle" after this long without a frame
  var latest = null;          // the last update received
  var receivedAt = 0;         // Date.now() when it arrived
  var connected = false;
  var everConnected = false;
  var selectedRun = null;     // the run shown when none is chosen (see currentRun)
  var chosenRun = null;       // the run chosen on the page or in the address (#run=ID); null: follow the activity
  var history = {};           // run id -> {tps:[], queue:[], drops:[], failures:[]}
  var clientInfo = null;

  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function fmt(value) {
    if (value === null || value === undefined) { return "–"; }
    if (typeof value === "number") { return Number.isInteger(value) ? String(value) : value.toFixed(2); }
    if (typeof value === "boolean") { return value ? "yes" : "no"; }
    if (typeof value === "object") { return JSON.stringify(value); }
    return String(value);
  }
  function kv(id, pairs) {
    var dl = $(id);
    clear(dl);
    pairs.forEach(function (pair) {
      var dt = document.createElement("dt");
      dt.textContent = pair[0];
      var dd = document.createElement("dd");
      dd.textContent = fmt(pair[1]);
      dd.setAttribute("data-key", pair[0]);
      if (pair[2]) { dd.className = "bad"; }
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
  }
  function row(tbody, cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (cell) {
      var td = document.createElement("td");
      td.textContent = fmt(cell);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
  function spark(id, values) {
    var svg = $(id);
    clear(svg);
    if (values.length < 2) { return; }
    var max = Math.max.apply(null, values.concat([1]));
    var points = values.map(function (v, i) {
      var x = (i / (HISTORY - 1)) * 200;
      var y = 38 - (v / max) * 36;
      return x.toFixed(1) + "," + y.toFixed(1);
    }).join(" ");
    var line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", points);
    svg.appendChild(line);
    var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = "latest " + fmt(values[values.length - 1]) + ", max " + fmt(max);
    svg.appendChild(title);
  }
  function push(list, value) {
    list.push(typeof value === "number" ? value : 0);
    if (list.length > HISTORY) { list.shift(); }
  }

  // Which run is shown. A run chosen on the page (the select, or #run=ID in the address) stays chosen across
  // updates, and waits for its run to arrive. Otherwise the page shows the most recently active run (the server's
  // active_run) and keeps it, moving on only when it has gone idle while another run is live, so that two live runs
  // never make the page flip between them.
  function runById(id) {
    var runs = (latest && latest.runs) || [];
    for (var i = 0; i < runs.length; i++) {
      if (runs[i].run_id === id) { return runs[i]; }
    }
    return null;
  }
  function idle(run) {
    return run.last_frame_age_ms === null || run.last_frame_age_ms === undefined || run.last_frame_age_ms > IDLE_MS;
  }
  function currentRun() {
    if (!latest || !latest.runs || latest.runs.length === 0) { return null; }
    var pinned = chosenRun === null ? null : runById(chosenRun);
    if (pinned) { return pinned; }
    var shown = selectedRun === null ? null : runById(selectedRun);
    var active = latest.active_run === null || latest.active_run === undefined ? null : runById(latest.active_run);
    if (!shown || (active && active !== shown && idle(shown) && !idle(active))) {
      shown = active || latest.runs[0];
    }
    selectedRun = shown.run_id;
    return shown;
  }

  function updateRunChoice(run) {
    var select = $("run");
    var ids = (latest.runs || []).map(function (r) { return r.run_id; });
    if (select.options.length !== ids.length || ids.some(function (id, i) { return select.options[i].value !== id; })) {
      clear(select);
      ids.forEach(function (id) {
        var option = document.createElement("option");
        option.value = id;
        option.textContent = id;
        select.appendChild(option);
      });
    }
    if (run) { select.value = run.run_id; }
    var count = $("run-count");
    count.textContent = ids.length > 1 ? "of " + ids.length : "";
    count.className = ids.length > 1 ? "" : "hidden";
  }

  function chosenFromAddress() {
    var match = /^#run=(.*)$/.exec(window.location.hash);
    if (!match) { return null; }
    try { return decodeURIComponent(match[1]); } catch (e) { return null; }
  }

  function record(update) {
    (update.runs || []).forEach(function (run) {
      var h = history[run.run_id] || (history[run.run_id] = { tps: [], queue: [], drops: [], failures: [] });
      var t = run.transport || {};
      push(h.tps, run.ticks_per_s);
      push(h.queue, t.queue_length);
      push(h.drops, (t.dropped_messages || 0) + (t.frames_dropped_total || 0));
      push(h.failures, t.send_failures_total);
    });
  }

  function render() {
    if (!latest) { return; }
    var run = currentRun();
    updateRunChoice(run);
    if (!run) { return; }
    $("tick").textContent = fmt(run.tick);
    $("tps").textContent = fmt(run.ticks_per_s);
    var t = run.transport || {};
    var pairs = [
      ["connected", t.connected, t.connected === false],
      ["queue_length", t.queue_length],
      ["dropped_messages", t.dropped_messages, t.dropped_messages > 0],
      ["frames_dropped_total", t.frames_dropped_total, t.frames_dropped_total > 0],
      ["send_failures_total", t.send_failures_total, t.send_failures_total > 0],
      ["payloads_sent_total", t.payloads_sent_total]
    ];
    Object.keys(t).forEach(function (key) {
      if (key.indexOf("keyframe") >= 0) { pairs.push([key, t[key]]); }
    });
    if (t.provider !== undefined) { pairs.push(["provider", t.provider]); }
    if (t.last_error) { pairs.push(["last_error", t.last_error, true]); }
    kv("transport", pairs);
    var h = run.series ? { tps: run.series.ticks_per_s, queue: run.series.queue_length, drops: run.series.drops,
      failures: run.series.send_failures } : (history[run.run_id] || { tps: [], queue: [], drops: [], failures: [] });
    spark("chart-tps", h.tps);
    spark("chart-queue", h.queue);
    spark("chart-drops", h.drops);
    spark("chart-failures", h.failures);

    var l = run.listener || {};
    kv("listener", [
      ["frames", l.frames], ["frames/s", run.frames_per_s], ["snapshots", l.snapshots], ["diffs", l.diffs],
      ["gaps", l.gaps, l.gaps > 0], ["duplicates", l.duplicates, l.duplicates > 0],
      ["malformed", l.malformed, l.malformed > 0]
    ].concat(l.connections === undefined ? [] : [["connections", l.connections]]).concat([
      ["stale", run.stale, run.stale],
      ["this page's dropped updates", clientInfo ? clientInfo.dropped : 0, clientInfo && clientInfo.dropped > 0]
    ]));

    var e = run.economy || {};
    var economy = [];
    Object.keys(e.prices || {}).forEach(function (k) { economy.push(["price " + k, e.prices[k]]); });
    var spikes = Object.keys(e.price_spikes || {});
    economy.push(["price spikes", spikes.length ? spikes.join(", ") : "none", spikes.length > 0]);
    Object.keys(e.utilities || {}).forEach(function (k) {
      economy.push([k, e.utilities[k] ? "on" : "OFF", !e.utilities[k]]);
    });
    kv("economy", economy);

    var j = run.jobs || {};
    var m = run.employment || {};
    var jobs = [["agents", j.agents], ["on shift", j.on_shift], ["late", j.late, j.late > 0],
      ["average wallet", j.average_wallet]];
    Object.keys(j.by_job || {}).forEach(function (k) { jobs.push(["job " + k, j.by_job[k]]); });
    jobs.push(["exit queue", m.pending_count, m.pending_count > 0]);
    jobs.push(["exits today", m.exits_today]);
    kv("jobs", jobs);

    var r = run.relationships || {};
    var friends = $("friends");
    clear(friends);
    (r.top || []).forEach(function (p) { row(friends, [p.a + " – " + p.b, p.trust, p.familiarity]); });
    if (!(r.top || []).length) { row(friends, ["none yet", "", ""]); }
    var rivals = $("rivals");
    clear(rivals);
    (r.rivalries || []).forEach(function (p) { row(rivals, [p.a + " – " + p.b, p.rivalry]); });
    if (!(r.rivalries || []).length) { row(rivals, ["none", ""]); }

    var c = run.conflict || {};
    var s = run.stability || {};
    var conflict = [];
    Object.keys(c.queues || {}).forEach(function (k) { conflict.push([k, c.queues[k]]); });
    conflict.push(["rivalry events", c.rivalry_events]);
    ["starvation_incidents", "option_switch_rate", "reward_variance"].forEach(function (k) {
      if (s[k] !== undefined) { conflict.push([k, s[k]]); }
    });
    kv("conflict", conflict);
    var alerts = $("alerts");
    clear(alerts);
    (s.alerts || []).forEach(function (a) {
      var li = document.createElement("li");
      li.textContent = "alert: " + fmt(a);
      alerts.appendChild(li);
    });

    var list = $("narrations");
    clear(list);
    (run.narrations || []).forEach(function (n) {
      var li = document.createElement("li");
      li.className = "narration";
      var tick = document.createElement("span");
      tick.className = "t";
      tick.textContent = "tick " + n.tick;
      var category = document.createElement("span");
      category.className = "c" + (n.priority ? " p" : "");
      category.textContent = n.category;
      var message = document.createElement("span");
      message.className = "m";
      message.textContent = n.message;
      li.appendChild(tick);
      li.appendChild(category);
      li.appendChild(message);
      list.appendChild(li);
    });
    if (!(run.narrations || []).length) {
      var none = document.createElement("li");
      none.className = "empty";
      none.textContent = "no narration yet";
      list.appendChild(none);
    }
    $("narration-count").textContent = "(" + fmt(run.narrations_seen) + " seen, newest first)";
  }

  function banner() {
    var node = $("banner");
    var pill = $("conn");
    pill.textContent = connected ? "live" : (everConnected ? "disconnected – reconnecting" : "connecting…");
    pill.className = "pill " + (connected ? "live" : "down");
    var text = null;
    var bad = false;
    var run = currentRun();
    if (!connected && everConnected) {
      text = "Disconnected from the listener; reconnecting…";
      bad = true;
    } else if (!run || run.tick === null || run.tick === undefined) {
      text = "Waiting for the first frame…";
    } else if (run.last_frame_age_ms !== null && run.last_frame_age_ms !== undefined) {
      var age = run.last_frame_age_ms + (connected ? Date.now() - receivedAt : 0);
      if (age > IDLE_MS) { text = "Stream idle for " + Math.floor(age / 1000) + " s (no frame received)"; }
    }
    node.textContent = text || "";
    node.className = "banner" + (text ? "" : " hidden") + (bad ? " bad" : "");
  }

  function accept(update) {
    if (update.client) { clientInfo = update.client; }
    latest = update;
    receivedAt = Date.now();
    record(update);
    render();
    banner();
  }

  $("run").addEventListener("change", function (event) {
    chosenRun = event.target.value;
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#run=" + encodeURIComponent(chosenRun));
    }
    render();
    banner();
  });
  window.addEventListener("hashchange", function () {
    chosenRun = chosenFromAddress();
    render();
    banner();
  });
  chosenRun = chosenFromAddress();

  // The server puts the latest update into the page, so it shows the run at once (and in a one-shot screenshot).
  try {
    var initial = JSON.parse($("initial").textContent);
    if (initial && initial.runs) { accept(initial); }
  } catch (e) { /* none yet: wait for the stream */ }

  var source = new EventSource("/events");
  source.onopen = function () { connected = true; everConnected = true; banner(); };
  source.onmessage = function (event) {
    connected = true;
    everConnected = true;
    try { accept(JSON.parse(event.data)); } catch (e) { /* a broken update: keep the last good one */ }
  };
  source.onerror = function () { connected = false; banner(); };  // EventSource reconnects by itself
  setInterval(banner, 500);
})();

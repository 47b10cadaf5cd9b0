// Network: who acts on whom; edge colour from cooperation (green) to conflict (red).
import { api, fmtNumber, html, invertedRange, plotlyReady, queryString, raw } from "./util.js";
import { state } from "./state.js";

export async function renderNetwork(view, params) {
  const status = params.status || "asserted";
  const merged = params.merged !== "false";
  view.innerHTML = html`
    <div class="page-head">
      <div><h1>Actor network</h1>
        <div class="muted">Arrows point from the actor who acts to the one acted upon; thicker
        means more events. Click an actor to see its events, a link to open the dyad.</div></div>
    </div>
    <form class="card filters" id="net-form" autocomplete="off">
      <div class="field"><label for="n-actor">Around actor</label>
        <input id="n-actor" name="actor" class="code" list="actor-codes" value="${params.actor || ""}"></div>
      <div class="field"><label for="n-type">Type</label>
        <select id="n-type" name="type"><option value="">all types</option>
        ${raw(state.vocabulary.plover_types.map((t) => `<option ${params.type === t.name ? "selected" : ""}>${t.name}</option>`).join(""))}
        </select></div>
      <div class="field"><label for="n-since">Since</label>
        <input id="n-since" name="since" type="date" value="${params.since || ""}"></div>
      <div class="field"><label for="n-until">Until</label>
        <input id="n-until" name="until" type="date" value="${params.until || ""}"></div>
      <div class="field"><label for="n-min">Min. events</label>
        <input id="n-min" name="min_events" type="number" min="1" style="width:5.5rem" value="${params.min_events || 1}"></div>
      <div class="field"><label for="n-status">Count</label>
        <select id="n-status" name="status">
          <option value="asserted" ${raw(status === "asserted" ? "selected" : "")}>asserted events</option>
          <option value="all" ${raw(status === "all" ? "selected" : "")}>all statuses</option>
        </select></div>
      <div class="field"><label for="n-merged">Each</label>
        <select id="n-merged" name="merged">
          <option value="">event once</option>
          <option value="false" ${raw(merged ? "" : "selected")}>report</option>
        </select></div>
      <button class="primary" type="submit" id="show-network">Show</button>
    </form>
    <div class="card" style="margin-top:1rem"><div id="net-chart" class="chart net"></div>
      <div class="legend-row">
        <span><span class="swatch" style="background:#2bb673"></span>mostly cooperation</span>
        <span><span class="swatch" style="background:#b9a27a"></span>mixed</span>
        <span><span class="swatch" style="background:#e0475b"></span>mostly conflict</span>
        <span>node size: number of events</span>
        <span id="net-total"></span></div></div>`;
  const form = view.querySelector("#net-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    v.actor = (v.actor || "").trim().toUpperCase();
    window.location.hash = `#/network?${queryString(v)}`;
  });
  const inverted = invertedRange(params);
  if (inverted) {
    view.querySelector("#net-chart").innerHTML = html`<div class="error" id="range-error">${inverted}</div>`;
    return;
  }
  const net = await api("/api/network", {
    actor: params.actor, type: params.type, since: params.since, until: params.until,
    min_events: params.min_events, status, merged: merged ? undefined : "false",
  });
  const total = net.edges.reduce((n, e) => n + e.events, 0);
  view.querySelector("#net-total").innerHTML = html`<span data-total="${total}">arrows carry
    ${fmtNumber(total)} ${status === "all" ? "" : "asserted "}${merged ? "events (each counted once)" : "event reports"}</span>`;
  drawNetwork(view.querySelector("#net-chart"), net);
}

function layout(nodes, edges) {
  // A small deterministic force layout: start on a circle, then springs and repulsion.
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: Math.cos((2 * Math.PI * i) / n), y: Math.sin((2 * Math.PI * i) / n) }));
  const index = Object.fromEntries(nodes.map((node, i) => [node.code, i]));
  const links = edges.map((e) => [index[e.source], index[e.target], e.events]);
  const maxW = Math.max(1, ...edges.map((e) => e.events));
  for (let step = 0; step < 300; step++) {
    const cool = 0.08 * (1 - step / 300) + 0.005;
    const force = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x; const dy = pos[i].y - pos[j].y;
        const d2 = Math.max(dx * dx + dy * dy, 0.01);
        const f = 0.12 / d2;
        force[i].x += dx * f; force[i].y += dy * f; force[j].x -= dx * f; force[j].y -= dy * f;
      }
    }
    for (const [s, t, w] of links) {
      const dx = pos[t].x - pos[s].x; const dy = pos[t].y - pos[s].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d - 0.9) * 0.05 * (0.5 + w / maxW);
      force[s].x += (dx / d) * f; force[s].y += (dy / d) * f;
      force[t].x -= (dx / d) * f; force[t].y -= (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      force[i].x -= pos[i].x * 0.01; force[i].y -= pos[i].y * 0.01;  // gravity to the centre
      const len = Math.hypot(force[i].x, force[i].y) || 1;
      const move = Math.min(len, cool);
      pos[i].x += (force[i].x / len) * move; pos[i].y += (force[i].y / len) * move;
    }
  }
  return pos;
}

function edgeColor(conflictShare) {
  // green (cooperation) → khaki (mixed) → red (conflict)
  const stops = [[43, 182, 115], [185, 162, 122], [224, 71, 91]];
  const t = Math.min(Math.max(conflictShare, 0), 1) * 2;
  const [a, b] = t <= 1 ? [stops[0], stops[1]] : [stops[1], stops[2]];
  const u = t <= 1 ? t : t - 1;
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * u));
  return `rgb(${c.join(",")})`;
}

function drawNetwork(el, net) {
  if (!net.nodes.length) {
    el.innerHTML = `<div class="empty">No interactions match these filters.</div>`;
    return;
  }
  if (!plotlyReady()) {
    el.innerHTML = `<div class="error">The chart library did not load (is the plotly package installed?).</div>`;
    return;
  }
  const pos = layout(net.nodes, net.edges);
  const at = Object.fromEntries(net.nodes.map((node, i) => [node.code, pos[i]]));
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  const maxN = Math.max(1, ...net.nodes.map((n) => n.events));
  const traces = [];
  const annotations = [];
  const mids = { x: [], y: [], text: [], customdata: [], color: [] };
  for (const e of net.edges) {
    const s = at[e.source]; const t = at[e.target];
    const share = e.events ? e.conflict / e.events : 0;
    const color = edgeColor(share);
    // Offset the two directions of a pair sideways so both arrows show.
    const dx = t.x - s.x; const dy = t.y - s.y; const d = Math.hypot(dx, dy) || 1;
    const ox = (-dy / d) * 0.025; const oy = (dx / d) * 0.025;
    const shrink = 0.13 / d;
    const x0 = s.x + dx * shrink + ox; const y0 = s.y + dy * shrink + oy;
    const x1 = t.x - dx * shrink + ox; const y1 = t.y - dy * shrink + oy;
    annotations.push({ x: x1, y: y1, ax: x0, ay: y0, xref: "x", yref: "y", axref: "x", ayref: "y",
      showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1 + 5 * (e.events / maxE),
      arrowcolor: color, opacity: 0.85, text: "" });
    mids.x.push((x0 + x1) / 2); mids.y.push((y0 + y1) / 2); mids.color.push(color);
    mids.customdata.push([e.source, e.target]);
    mids.text.push(`${e.source} → ${e.target}: ${e.events} ${e.events === 1 ? "event" : "events"}<br>${e.cooperation} cooperation · ${e.conflict} conflict<br>mean intensity ${e.mean_intensity ?? "—"}<br><i>click to open the dyad</i>`);
  }
  traces.push({ type: "scatter", mode: "markers", x: mids.x, y: mids.y, text: mids.text,
    customdata: mids.customdata, hovertemplate: "%{text}<extra></extra>",
    marker: { size: 9, color: mids.color, opacity: 0.35 }, name: "links", showlegend: false });
  traces.push({
    type: "scatter", mode: "markers+text", name: "actors", showlegend: false,
    x: net.nodes.map((n) => at[n.code].x), y: net.nodes.map((n) => at[n.code].y),
    text: net.nodes.map((n) => n.code), textposition: "middle center",
    textfont: { color: "#fff", size: 11, family: "ui-monospace, Menlo, monospace" },
    customdata: net.nodes.map((n) => [n.code]),
    hovertext: net.nodes.map((n) => `${n.name} (${n.code})<br>${fmtNumber(n.events)} events<br><i>click for its events</i>`),
    hovertemplate: "%{hovertext}<extra></extra>",
    marker: { size: net.nodes.map((n) => 30 + 34 * Math.sqrt(n.events / maxN)), color: "#1f3b57", opacity: 1,
      line: { color: "#fff", width: 2 } },
  });
  const plotLayout = {
    height: 600, margin: { t: 10, r: 10, b: 10, l: 10 }, showlegend: false, hovermode: "closest",
    xaxis: { visible: false, fixedrange: false }, yaxis: { visible: false, scaleanchor: "x" },
    annotations, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
    font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
  };
  el.innerHTML = "";
  window.Plotly.newPlot(el, traces, plotLayout, { displaylogo: false, responsive: true });
  el.on("plotly_click", (event) => {
    const cd = event.points[0].customdata;
    if (cd.length === 2) window.location.hash = `#/dyad?${queryString({ a: cd[0], b: cd[1] })}`;
    else window.location.hash = `#/events?${queryString({ actor: cd[0] })}`;
  });
}

// Dyads: a timeline of two actors' relations in both directions; a click lists the period's events.
import {
  QUAD_COLORS, QUAD_NAMES, api, eventRows, fmtNumber, html, invertedRange, plotlyReady,
  queryString, raw, shiftDate,
} from "./util.js";
import { state } from "./state.js";

export async function renderDyad(view, params) {
  const top = state.summary.top_dyads[0];
  const a = (params.a || (top ? top.source : "")).toUpperCase();
  const b = (params.b || (top ? top.target : "")).toUpperCase();
  const freq = params.freq || "week";
  const status = params.status || "asserted";
  const merged = params.merged !== "false";
  const freqs = state.vocabulary.frequencies;
  view.innerHTML = html`
    <div class="page-head">
      <div><h1>Dyad timeline</h1>
        <div class="muted">How two actors treat each other over time. Click a bar to read the
        events and sentences behind it.</div></div>
    </div>
    <form class="card filters" id="dyad-form" autocomplete="off">
      <div class="field"><label for="d-a">Actor A</label>
        <input id="d-a" name="a" class="code" list="actor-codes" value="${a}" required></div>
      <button type="button" class="swap ghost" id="swap" title="Swap A and B">⇄</button>
      <div class="field"><label for="d-b">Actor B</label>
        <input id="d-b" name="b" class="code" list="actor-codes" value="${b}" required></div>
      <div class="field"><label for="d-freq">Per</label>
        <select id="d-freq" name="freq">${raw(freqs.map((f) => `<option ${f === freq ? "selected" : ""}>${f}</option>`).join(""))}</select></div>
      <div class="field"><label for="d-status">Count</label>
        <select id="d-status" name="status">
          <option value="asserted" ${raw(status === "asserted" ? "selected" : "")}>asserted events</option>
          <option value="all" ${raw(status === "all" ? "selected" : "")}>all statuses</option>
        </select></div>
      <div class="field"><label for="d-merged">Each</label>
        <select id="d-merged" name="merged">
          <option value="">event once</option>
          <option value="false" ${raw(merged ? "" : "selected")}>report</option>
        </select></div>
      <div class="field"><label for="d-since">Since</label>
        <input id="d-since" name="since" type="date" value="${params.since || ""}"></div>
      <div class="field"><label for="d-until">Until</label>
        <input id="d-until" name="until" type="date" value="${params.until || ""}"></div>
      <button class="primary" type="submit" id="show-dyad">Show</button>
    </form>
    <div class="grid-2" style="margin-top:1rem">
      <div class="card"><div id="dyad-chart" class="chart"></div>
        <div class="legend-row" id="dyad-legend"></div>
        <div class="legend-row" id="dyad-focus"></div></div>
      <div class="card"><h2>Busiest dyads</h2><ul class="dyad-list" id="top-dyads"></ul></div>
    </div>
    <div class="card" id="period-events"><p class="muted">Click a bar in the chart to list the
      events of that period.</p></div>`;

  const form = view.querySelector("#dyad-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    v.a = v.a.trim().toUpperCase();
    v.b = v.b.trim().toUpperCase();
    window.location.hash = `#/dyad?${queryString(v)}`;
  });
  view.querySelector("#swap").addEventListener("click", () => {
    const [ia, ib] = [form.elements.a, form.elements.b];
    [ia.value, ib.value] = [ib.value, ia.value];
  });
  renderTopDyads(view.querySelector("#top-dyads"), freq);

  if (!a || !b) return;
  const inverted = invertedRange(params);
  if (inverted) {
    view.querySelector("#dyad-chart").innerHTML = html`<div class="error" id="range-error">${inverted}</div>`;
    return;
  }
  const data = await api("/api/dyad", { a, b, freq, status, since: params.since, until: params.until,
    merged: merged ? undefined : "false" });
  drawTimeline(view, data);
  if (params.period && params.period_end && data.periods.some((p) => p.total)) {
    markPeriod(view.querySelector("#dyad-chart"), params.period, params.period_end);
    await listPeriod(view, data, params.period, params.period_end);
  }
}

function renderTopDyads(el, freq) {
  const dyads = state.summary.top_dyads;
  const max = Math.max(1, ...dyads.map((d) => d.events));
  el.innerHTML = dyads.map((d) => html`<li>
      <a href="#/dyad?${queryString({ a: d.source, b: d.target, freq })}">${d.source_name} → ${d.target_name}</a>
      <span style="width:35%;display:flex;align-items:center;gap:.4rem">
        <span class="bar" style="width:${Math.round((100 * d.events) / max)}%"></span>
        <span class="small muted">${d.events}</span></span></li>`).join("")
    || `<li class="muted">No dyads yet.</li>`;
}

function drawTimeline(view, data) {
  const chart = view.querySelector("#dyad-chart");
  const legend = view.querySelector("#dyad-legend");
  const forward = data.periods.filter((p) => p.source === data.a);
  const backward = data.periods.filter((p) => p.source === data.b);
  const total = data.periods.reduce((n, p) => n + p.total, 0);
  legend.innerHTML = html`<span id="dyad-total" data-total="${total}">${fmtNumber(total)} ${data.status === "all" ? "" : "asserted "}${data.merged ? "events (each counted once, however many reports)" : "event reports"}
    · per ${data.freq} · bars: counts by quad class · line: mean intensity (−10 conflict … +10 cooperation)</span>`;
  const focusNote = view.querySelector("#dyad-focus");
  focusNote.innerHTML = "";
  if (!total) {
    chart.innerHTML = html`<div class="empty">No events between ${data.a_name} and ${data.b_name}.</div>`;
    return;
  }
  if (!plotlyReady()) {
    chart.innerHTML = `<div class="error">The chart library did not load (is the plotly package installed?).</div>`;
    return;
  }
  const keys = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  const traces = [];
  for (const [rows, y, y2, show] of [[forward, "y", "y2", true], [backward, "y3", "y4", false]]) {
    keys.forEach((key, i) => traces.push({
      type: "bar", name: QUAD_NAMES[i + 1], legendgroup: key, showlegend: show,
      x: rows.map((p) => p.period), y: rows.map((p) => p[key]), yaxis: y,
      marker: { color: QUAD_COLORS[i + 1] },
      customdata: rows.map((p) => [p.period_end, p.source, p.target]),
      hovertemplate: `%{customdata[1]} → %{customdata[2]}<br>%{x|%d %b %Y}: %{y} ${QUAD_NAMES[i + 1]}<extra></extra>`,
    }));
    traces.push({
      type: "scatter", mode: "lines+markers", name: "mean intensity", legendgroup: "intensity",
      showlegend: show, x: rows.map((p) => p.period), y: rows.map((p) => p.mean_intensity),
      yaxis: y2, connectgaps: false, line: { color: "#1f3b57", width: 2 },
      marker: { size: 5, color: "#1f3b57" },
      customdata: rows.map((p) => [p.period_end, p.source, p.target]),
      hovertemplate: "%{customdata[1]} → %{customdata[2]}<br>%{x|%d %b %Y}: mean intensity %{y:.1f}<extra></extra>",
    });
  }
  const ymax = Math.max(1, ...data.periods.map((p) => p.total));
  const countAxis = (domain) => ({ domain, range: [0, ymax * 1.15], title: { text: "events" },
    gridcolor: "#eef1f5", zeroline: false, fixedrange: true });
  const intensityAxis = (overlay, domain) => ({ overlaying: overlay, side: "right", range: [-10.5, 10.5],
    domain, showgrid: false, zeroline: false, title: { text: "intensity" },
    tickvals: [-10, -5, 0, 5, 10], fixedrange: true });
  // The time axis spans the periods holding most events (data.focus): one stray report years
  // away must not squash the rest into slivers. What it leaves out is said, one click away.
  const focus = data.focus;
  const xaxis = { type: "date", anchor: "y3", gridcolor: "#f2f4f7" };
  if (focus && focus.outside > 0) {
    const pad = { day: 1, week: 7, month: 31, quarter: 92, year: 366 }[data.freq] || 7;
    xaxis.range = [shiftDate(focus.start, -pad), shiftDate(focus.end, 1)];
    focusNote.innerHTML = html`<span id="focus-note">Showing ${focus.start} – ${focus.end}, which holds
      ${fmtNumber(focus.inside)} of ${fmtNumber(total)}; ${fmtNumber(focus.outside)} ${focus.outside === 1 ? "falls" : "fall"} outside.</span>
      <button class="ghost" type="button" id="show-all-periods">Show the whole span</button>`;
  }
  const layout = {
    barmode: "stack", bargap: 0.15, height: 520, margin: { t: 36, r: 60, b: 40, l: 55 },
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", hovermode: "closest",
    font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 12, color: "#1d2733" },
    legend: { orientation: "h", y: -0.1 },
    xaxis,
    yaxis: countAxis([0.56, 1]), yaxis2: intensityAxis("y", [0.56, 1]),
    yaxis3: countAxis([0, 0.44]), yaxis4: intensityAxis("y3", [0, 0.44]),
    annotations: [
      { text: `<b>${data.a_name} → ${data.b_name}</b>`, xref: "paper", yref: "paper", x: 0, y: 1.06, showarrow: false, xanchor: "left", font: { size: 13 } },
      { text: `<b>${data.b_name} → ${data.a_name}</b>`, xref: "paper", yref: "paper", x: 0, y: 0.49, showarrow: false, xanchor: "left", font: { size: 13 } },
    ],
  };
  chart.innerHTML = "";
  window.Plotly.newPlot(chart, traces, layout, { displaylogo: false, responsive: true,
    modeBarButtonsToRemove: ["lasso2d", "select2d"] });
  const showAll = focusNote.querySelector("#show-all-periods");
  if (showAll) {
    showAll.addEventListener("click", () => {
      window.Plotly.relayout(chart, { "xaxis.autorange": true });
      focusNote.innerHTML = html`<span id="focus-note">Showing the whole span.</span>`;
    });
  }
  chart.on("plotly_click", (event) => {
    const point = event.points[0];
    const period = String(point.x).slice(0, 10);
    const end = point.customdata[0];
    const hash = window.location.hash.split("?");
    const params = new URLSearchParams(hash[1] || "");
    params.set("a", data.a); params.set("b", data.b); params.set("freq", data.freq);
    params.set("period", period); params.set("period_end", end);
    history.replaceState(null, "", `#/dyad?${params}`);
    markPeriod(chart, period, end);
    listPeriod(view, data, period, end);
  });
}

function markPeriod(chart, since, until) {
  // Shade the chosen period in both panels (until is inclusive: shade to the next day).
  const end = new Date(`${until}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const x1 = end.toISOString().slice(0, 10);
  window.Plotly.relayout(chart, { shapes: [{
    type: "rect", xref: "x", yref: "paper", x0: since, x1, y0: 0, y1: 1, layer: "below",
    fillcolor: "rgba(31,59,87,0.08)", line: { width: 1, color: "rgba(31,59,87,0.35)", dash: "dot" },
  }] });
}

async function listPeriod(view, data, since, until) {
  const panel = view.querySelector("#period-events");
  panel.innerHTML = `<p class="muted">Loading events…</p>`;
  const page = await api("/api/events", { dyad: `${data.a},${data.b}`, since, until,
    status: data.status, merged: data.merged ? undefined : "false", limit: 200 });
  panel.innerHTML = html`<div class="period-head"><h2>${data.a_name} ⇄ ${data.b_name}:
      ${since}${since !== until ? ` – ${until}` : ""}</h2>
      <span class="muted small" id="period-total" data-total="${page.total}">${fmtNumber(page.total)} ${data.merged ? "events" : "event reports"}</span></div>
    ${eventRows(page.events, page.articles, data.merged)}`;
  panel.scrollIntoView({ behavior: "smooth", block: "start" });
}

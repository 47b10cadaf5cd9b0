// Events: filters, a table with the evidence sentences, paging and downloads.
import {
  QUAD_COLORS, QUAD_NAMES, api, eventRows, fmtNumber, html, plotlyReady, queryString, raw,
} from "./util.js";
import { state } from "./state.js";

const PAGE_SIZE = 50;
const FILTERS = ["source", "target", "actor", "type", "status", "since", "until", "q"];

export async function renderEvents(view, params) {
  const types = state.vocabulary.plover_types;
  const statuses = state.vocabulary.statuses;
  const offset = Number(params.offset || 0);
  const summary = state.summary;
  view.innerHTML = html`
    <div class="page-head">
      <div><h1>Events</h1>
        <div class="muted">Who did what to whom, each with the sentence that says so.</div></div>
      <div class="toolbar downloads" id="downloads"></div>
    </div>
    <div class="tiles">
      <div class="tile"><div class="n">${fmtNumber(summary.events)}</div><div class="l">events</div></div>
      <div class="tile"><div class="n">${fmtNumber(summary.articles)}</div><div class="l">articles</div></div>
      <div class="tile"><div class="n">${fmtNumber(summary.quotes)}</div><div class="l">quotes</div></div>
      <div class="tile"><div class="n">${fmtNumber(state.actors.length)}</div><div class="l">actors</div></div>
    </div>
    <form class="card filters" id="event-filters" autocomplete="off">
      <div class="field"><label for="f-source">Source</label>
        <input id="f-source" name="source" class="code" list="actor-codes" placeholder="RUS" value="${params.source || ""}"></div>
      <div class="field"><label for="f-target">Target</label>
        <input id="f-target" name="target" class="code" list="actor-codes" placeholder="UKR" value="${params.target || ""}"></div>
      <div class="field"><label for="f-actor">Either side</label>
        <input id="f-actor" name="actor" class="code" list="actor-codes" placeholder="USA" value="${params.actor || ""}"></div>
      <div class="field"><label for="f-type">Type</label>
        <select id="f-type" name="type"><option value="">all types</option>
        ${raw(types.map((t) => `<option value="${t.name}" ${params.type === t.name ? "selected" : ""}>${t.name}</option>`).join(""))}
        </select></div>
      <div class="field"><label for="f-status">Status</label>
        <select id="f-status" name="status"><option value="">all</option>
        ${raw(statuses.map((s) => `<option ${params.status === s ? "selected" : ""}>${s}</option>`).join(""))}
        </select></div>
      <div class="field"><label for="f-since">Since</label>
        <input id="f-since" name="since" type="date" value="${params.since || ""}"></div>
      <div class="field"><label for="f-until">Until</label>
        <input id="f-until" name="until" type="date" value="${params.until || ""}"></div>
      <div class="field"><label for="f-q">Evidence contains</label>
        <input id="f-q" name="q" class="wide" placeholder="e.g. sanctions" value="${params.q || ""}"></div>
      <button class="primary" type="submit" id="apply-filters">Apply</button>
      <button class="ghost" type="button" id="clear-filters">Clear</button>
    </form>
    <div class="card" style="margin-top:1rem"><div class="period-head"><h2>Events per month</h2>
      <span class="muted small">by quad class · click a bar to read that month</span></div>
      <div id="event-histogram" class="chart" style="min-height:210px"></div></div>
    <div class="card" id="event-results"><p class="muted">Loading events…</p></div>`;

  const form = view.querySelector("#event-filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    for (const k of ["source", "target", "actor"]) values[k] = (values[k] || "").trim().toUpperCase();
    window.location.hash = `#/events?${queryString(values)}`;
  });
  view.querySelector("#clear-filters").addEventListener("click", () => {
    window.location.hash = "#/events";
  });

  const filters = Object.fromEntries(FILTERS.map((k) => [k, params[k]]));
  const [page, counts] = await Promise.all([
    api("/api/events", { ...filters, limit: PAGE_SIZE, offset }),
    api("/api/events/counts", { ...filters, freq: "month" }),
  ]);
  drawHistogram(view.querySelector("#event-histogram"), counts, filters);
  const results = view.querySelector("#event-results");
  const last = Math.min(offset + page.events.length, page.total);
  results.innerHTML = html`
    <div class="period-head"><h2>${fmtNumber(page.total)} events</h2>
      <span class="muted small">${page.total ? `${offset + 1}–${last}` : ""}</span></div>
    ${eventRows(page.events, page.articles)}
    <div class="pager">
      <button id="prev-page" ${raw(offset ? "" : "disabled")}>← Newer</button>
      <button id="next-page" ${raw(page.next_offset != null ? "" : "disabled")}>Older →</button>
    </div>`;
  const go = (o) => { window.location.hash = `#/events?${queryString({ ...filters, offset: o })}`; };
  results.querySelector("#prev-page").addEventListener("click", () => go(Math.max(0, offset - PAGE_SIZE)));
  results.querySelector("#next-page").addEventListener("click", () => go(page.next_offset));

  const qs = queryString(filters);
  const link = (fmt, columns, label) => `<a href="/api/events.${fmt}?${queryString({ columns })}${qs ? "&" + qs : ""}" download>${label}</a>`;
  view.querySelector("#downloads").innerHTML = `<span class="muted small">Download:</span>
    ${link("csv", "eventlens", "CSV")} ${link("jsonl", "eventlens", "JSONL")}
    ${link("parquet", "eventlens", "Parquet")} ${link("jsonl", "plover", "PLOVER JSONL")}
    ${link("csv", "gdelt", "GDELT-style CSV")} ${link("tsv", "icews", "ICEWS-style TSV")}`;
}

function drawHistogram(el, counts, filters) {
  if (!counts.length) {
    el.innerHTML = `<div class="empty">No dated events.</div>`;
    return;
  }
  if (!plotlyReady()) {
    el.innerHTML = `<div class="error">The chart library did not load (is the plotly package installed?).</div>`;
    return;
  }
  const keys = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  const traces = keys.map((key, i) => ({
    type: "bar", name: QUAD_NAMES[i + 1], x: counts.map((c) => c.period), y: counts.map((c) => c[key]),
    marker: { color: QUAD_COLORS[i + 1] },
    hovertemplate: `%{x|%B %Y}: %{y} ${QUAD_NAMES[i + 1]}<extra></extra>`,
  }));
  const layout = {
    barmode: "stack", height: 210, margin: { t: 8, r: 10, b: 30, l: 40 }, bargap: 0.12,
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", showlegend: false, hovermode: "closest",
    font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 11, color: "#1d2733" },
    xaxis: { type: "date", gridcolor: "#f2f4f7" }, yaxis: { gridcolor: "#eef1f5", fixedrange: true },
  };
  el.innerHTML = "";
  window.Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true, displayModeBar: false });
  el.on("plotly_click", (event) => {
    const start = String(event.points[0].x).slice(0, 10);
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(0);
    const until = d.toISOString().slice(0, 10);
    window.location.hash = `#/events?${queryString({ ...filters, since: start, until })}`;
  });
}

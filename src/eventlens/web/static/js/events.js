// Events: filters, a table with the evidence sentences, paging and downloads.
import {
  QUAD_COLORS, QUAD_NAMES, api, eventRows, fmtNumber, focusRange, html, invertedRange,
  plotlyReady, queryString, raw, shiftDate,
} from "./util.js";
import { filterFields, pickFilters, readFilterForm } from "./filterform.js";

const PAGE_SIZE = 50;

export async function renderEvents(view, params) {
  const offset = Number(params.offset || 0);
  const merged = params.merged !== "false";
  view.innerHTML = html`
    <div class="page-head">
      <div><h1>Events</h1>
        <div class="muted">Who did what to whom, each with the sentence that says so.</div></div>
      <div class="toolbar downloads" id="downloads"></div>
    </div>
    <div class="tiles" id="stat-tiles">
      <div class="tile"><div class="n" id="tile-events">…</div><div class="l">${merged ? "events" : "event reports"}</div></div>
      <div class="tile"><div class="n" id="tile-reports">…</div><div class="l">reports of them</div></div>
      <div class="tile"><div class="n" id="tile-articles">…</div><div class="l">articles</div></div>
      <div class="tile"><div class="n" id="tile-actors">…</div><div class="l">actors</div></div>
    </div>
    <form class="card filters" id="event-filters" autocomplete="off">
      ${filterFields(params)}
      <button class="primary" type="submit" id="apply-filters">Apply</button>
      <button class="ghost" type="button" id="clear-filters">Clear</button>
    </form>
    <div class="card" style="margin-top:1rem"><div class="period-head"><h2>${merged ? "Events" : "Event reports"} per month</h2>
      <span class="muted small">by quad class · click a bar to read that month</span></div>
      <div id="event-histogram" class="chart" style="min-height:210px"></div>
      <div class="legend-row" id="histogram-focus"></div></div>
    <div class="card" id="event-results"><p class="muted">Loading events…</p></div>`;

  const form = view.querySelector("#event-filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    window.location.hash = `#/events?${queryString(readFilterForm(form))}`;
  });
  view.querySelector("#clear-filters").addEventListener("click", () => {
    window.location.hash = "#/events";
  });

  const filters = pickFilters(params);
  const results = view.querySelector("#event-results");
  const inverted = invertedRange(params);
  if (inverted) {
    results.innerHTML = html`<div class="error" id="range-error">${inverted}</div>`;
    view.querySelector("#event-histogram").innerHTML = html`<div class="empty">${inverted}</div>`;
    for (const id of ["events", "reports", "articles", "actors"]) view.querySelector(`#tile-${id}`).textContent = "—";
    return;
  }
  const [page, counts, summary] = await Promise.all([
    api("/api/events", { ...filters, limit: PAGE_SIZE, offset }),
    api("/api/events/counts", { ...filters, freq: "month" }),
    api("/api/summary", filters),
  ]);
  // The stat cards count what the table lists: the same filters, the same merged events.
  view.querySelector("#tile-events").textContent = fmtNumber(merged ? summary.events : summary.reports);
  view.querySelector("#tile-reports").textContent = fmtNumber(summary.reports);
  view.querySelector("#tile-articles").textContent = fmtNumber(summary.articles);
  view.querySelector("#tile-actors").textContent = fmtNumber(summary.actors);
  drawHistogram(view.querySelector("#event-histogram"), counts, filters);
  const last = Math.min(offset + page.events.length, page.total);
  results.innerHTML = html`
    <div class="period-head"><h2 id="events-total">${fmtNumber(page.total)} ${merged ? "events" : "event reports"}</h2>
      <span class="muted small">${merged ? `merged from ${fmtNumber(summary.reports)} reports · ` : ""}${page.total ? `${offset + 1}–${last}` : ""}</span></div>
    ${eventRows(page.events, page.articles, merged)}
    <div class="pager">
      <button id="prev-page" ${raw(offset ? "" : "disabled")}>← Newer</button>
      <button id="next-page" ${raw(page.next_offset != null ? "" : "disabled")}>Older →</button>
    </div>`;
  const go = (o) => { window.location.hash = `#/events?${queryString({ ...filters, offset: o })}`; };
  results.querySelector("#prev-page").addEventListener("click", () => go(Math.max(0, offset - PAGE_SIZE)));
  results.querySelector("#next-page").addEventListener("click", () => go(page.next_offset));

  const qs = queryString(filters);
  const link = (fmt, columns, label) => `<a href="/api/events.${fmt}?${queryString({ columns })}${qs ? "&" + qs : ""}" download>${label}</a>`;
  view.querySelector("#downloads").innerHTML = `<a id="map-these" href="#/map${qs ? "?" + qs : ""}">Map these events</a>
    <span class="muted small">Download:</span>
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
    barmode: "stack", height: 240, margin: { t: 8, r: 10, b: 30, l: 40 }, bargap: 0.12,
    paper_bgcolor: "#fff", plot_bgcolor: "#fff", showlegend: true, hovermode: "closest",
    legend: { orientation: "h", y: -0.25 },
    font: { family: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size: 11, color: "#1d2733" },
    xaxis: { type: "date", gridcolor: "#f2f4f7" }, yaxis: { gridcolor: "#eef1f5", fixedrange: true },
  };
  // As on the dyad page: the axis spans the months holding most events, and says what it hides.
  const note = document.getElementById("histogram-focus");
  const focus = focusRange(counts);
  if (note && focus && focus.outside > 0) {
    layout.xaxis.range = [shiftDate(focus.start, -31), shiftDate(focus.end, 31)];
    note.innerHTML = html`<span id="histogram-focus-note">Showing ${focus.start.slice(0, 7)} – ${focus.end.slice(0, 7)},
      which holds ${fmtNumber(focus.inside)} of ${fmtNumber(focus.inside + focus.outside)};
      ${fmtNumber(focus.outside)} ${focus.outside === 1 ? "falls" : "fall"} outside.</span>
      <button class="ghost" type="button" id="histogram-show-all">Show the whole span</button>`;
  }
  el.innerHTML = "";
  window.Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true, displayModeBar: false });
  const showAll = note && note.querySelector("#histogram-show-all");
  if (showAll) {
    showAll.addEventListener("click", () => {
      window.Plotly.relayout(el, { "xaxis.autorange": true });
      note.innerHTML = html`<span id="histogram-focus-note">Showing the whole span.</span>`;
    });
  }
  el.on("plotly_click", (event) => {
    const start = String(event.points[0].x).slice(0, 10);
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(0);
    const until = d.toISOString().slice(0, 10);
    window.location.hash = `#/events?${queryString({ ...filters, since: start, until })}`;
  });
}

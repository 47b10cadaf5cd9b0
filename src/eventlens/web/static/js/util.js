// Shared helpers: API calls, HTML escaping, chips and the evidence renderer.

export const QUAD_NAMES = {
  1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};
export const QUAD_COLORS = { 1: "#4c9be8", 2: "#2bb673", 3: "#f5a623", 4: "#e0475b" };

export async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      // An eventlens error: its message and its hint (the accepted values, the nearest one)
      message = (body.message && (body.hint ? `${body.message} (${body.hint})` : body.message))
        || (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail))
        || message;
    } catch (_) { /* not JSON: keep the status line */ }
    throw new Error(message);
  }
  return response.json();
}

export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  return search.toString();
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function html(strings, ...values) {
  // Tagged template: values are escaped unless wrapped with raw().
  return strings.reduce((out, s, i) => {
    const v = values[i - 1];
    const text = v && v.__raw !== undefined ? v.__raw
      : Array.isArray(v) ? v.map((x) => (x && x.__raw !== undefined ? x.__raw : esc(x))).join("")
        : esc(v);
    return out + text + s;
  });
}
export const raw = (text) => ({ __raw: String(text) });

export function quadChip(type, quad) {
  return raw(`<span class="chip q${esc(quad)}" title="${esc(QUAD_NAMES[quad] || "")}">${esc(type)}</span>`);
}

export function actorLink(code, text) {
  if (!code) return raw(`<span class="muted">${esc(text || "—")}</span>`);
  const country = code.split(":")[0];
  return raw(`<a class="actor" href="#/events?actor=${encodeURIComponent(country)}"
    title="${esc(text || code)}">${esc(code)}</a>`);
}

export function statusTag(status) {
  return raw(`<span class="status ${esc(status)}">${esc(status)}</span>`);
}

export function fmtNumber(n) {
  return Number(n ?? 0).toLocaleString("en-GB");
}

// The evidence sentence with the source and target mentions marked (offsets are article-wide).
export function evidenceHtml(ev) {
  const text = ev.evidence || "";
  const base = ev.evidence_start;
  const spans = [];
  for (const [side, cls] of [["source", "src"], ["target", "tgt"]]) {
    const s = ev[`${side}_start`];
    const e = ev[`${side}_end`];
    if (s != null && e != null && s >= base && e <= base + text.length && e > s) {
      spans.push([s - base, e - base, cls]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (const [s, e, cls] of spans) {
    if (s < pos) continue;
    out += esc(text.slice(pos, s)) + `<span class="${cls}">${esc(text.slice(s, e))}</span>`;
    pos = e;
  }
  return raw(`<span class="evidence">${out + esc(text.slice(pos))}</span>`);
}

// How many reports a merged event has ("3 reports · 3 articles · 2 outlets"); a report in the
// raw view says which merged event it belongs to.
export function reportsText(ev, merged = true) {
  const n = ev.report_count ?? 1;
  if (!merged) return n > 1 ? `one of ${n} reports of this event` : "the only report of this event";
  const plural = (k, word) => `${k} ${word}${k === 1 ? "" : "s"}`;
  return `${plural(n, "report")} · ${plural(ev.article_count ?? 1, "article")} · ${plural(ev.source_count ?? 1, "outlet")}`;
}

// A date range whose start is after its end matches nothing: say so instead of showing nothing.
export function invertedRange(params) {
  const { since, until } = params;
  if (since && until && since > until) {
    return `The start date (${since}) is after the end date (${until}): no event can match. Swap them or clear one.`;
  }
  return null;
}

// Filters every page passes on: the status (asserted unless chosen) and merged or every report.
export function countParams(params) {
  return { status: params.status || undefined, merged: params.merged === "false" ? "false" : undefined };
}

export function eventRows(events, articles = {}, merged = true) {
  if (!events.length) return raw(`<div class="empty">No events match these filters.</div>`);
  const rows = events.map((ev) => {
    const art = articles[ev.article_id];
    const title = art ? art.title || ev.article_id : ev.article_id;
    return html`<tr data-event="${ev.event_id}">
      <td class="date">${ev.date_text || ev.event_date || ""}</td>
      <td class="who">${actorLink(ev.source_code, ev.source_text)}<span class="arrow">→</span>${actorLink(ev.target_code, ev.target_text)}</td>
      <td>${quadChip(ev.plover_type, ev.quad_class)}</td>
      <td>${statusTag(ev.status)}</td>
      <td>${evidenceHtml(ev)}
        <div class="source-line"><a href="#/article/${ev.article_id}">${title}</a>
        · trigger “${ev.trigger || ""}” · intensity ${ev.intensity ?? "—"}
        · confidence ${confidenceText(ev.confidence)}
        · <span class="reports" data-reports="${ev.report_count ?? 1}">${reportsText(ev, merged)}</span></div></td>
    </tr>`;
  });
  return raw(`<table class="events"><thead><tr><th>Date</th><th>Source → target</th><th>Type</th>
    <th>Status</th><th>Evidence</th></tr></thead><tbody>${rows.join("")}</tbody></table>`);
}

// The calibrated confidence as a percentage (older stores may have none).
export function confidenceText(value) {
  return value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
}

export function showError(el, error) {
  el.innerHTML = html`<div class="error">Could not load: ${error.message || error}</div>`;
}

export function plotlyReady() {
  return typeof window.Plotly !== "undefined";
}

export function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

// Where the events are, as eventlens.analysis.focus_range computes it for the dyad API: the
// shortest run of periods holding `share` of the events, widened over the next period with
// events while the gap is at most half the span so far. A chart's time axis spans it, so that
// one stray old report does not squash the rest. `points` are {period, total}, oldest first.
export function focusRange(points, share = 0.8) {
  const rows = points.filter((p) => p.total > 0);
  if (!rows.length) return null;
  const everything = rows.reduce((n, p) => n + p.total, 0);
  const need = share * everything;
  const day = (p) => Date.parse(`${p.period}T00:00:00Z`);
  let best = [0, rows.length - 1];
  let held = 0;
  let left = 0;
  rows.forEach((p, right) => {
    held += p.total;
    while (held - rows[left].total >= need) { held -= rows[left].total; left += 1; }
    if (held >= need && day(rows[right]) - day(rows[left]) < day(rows[best[1]]) - day(rows[best[0]])) {
      best = [left, right];
    }
  });
  let [first, last] = best;
  for (;;) {
    const near = Math.max((day(rows[last]) - day(rows[first])) / 2, 86400000);
    if (first > 0 && day(rows[first]) - day(rows[first - 1]) <= near) first -= 1;
    else if (last < rows.length - 1 && day(rows[last + 1]) - day(rows[last]) <= near) last += 1;
    else break;
  }
  const inside = rows.slice(first, last + 1).reduce((n, p) => n + p.total, 0);
  return { start: rows[first].period, end: rows[last].period, inside, outside: everything - inside };
}

// A date `days` days from an ISO date, as ISO.
export function shiftDate(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

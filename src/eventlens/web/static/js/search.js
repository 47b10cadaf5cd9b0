// Search: full-text over the articles, with the evidence sentences that match.
import { api, esc, html, quadChip, raw, statusTag } from "./util.js";

export async function renderSearch(view, params) {
  const q = params.q || "";
  view.innerHTML = html`
    <div class="page-head"><div><h1>Search</h1>
      <div class="muted">Full-text search over article titles and texts (ranked by BM25).</div></div></div>
    <form class="card filters" id="search-form">
      <div class="field" style="flex:1"><label for="s-q">Words</label>
        <input id="s-q" name="q" style="width:100%" placeholder="e.g. grain export deal" value="${q}" autofocus></div>
      <button class="primary" type="submit" id="run-search">Search</button>
    </form>
    <div class="card" id="search-results" style="margin-top:1rem">
      <p class="muted">${q ? "Searching…" : "Type some words and press Search."}</p></div>`;
  view.querySelector("#search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const value = view.querySelector("#s-q").value.trim();
    window.location.hash = `#/search?q=${encodeURIComponent(value)}`;
  });
  if (!q) return;
  const res = await api("/api/search", { q, limit: 30 });
  const words = q.toLowerCase().split(/\W+/).filter((w) => w.length > 1);
  const el = view.querySelector("#search-results");
  const note = res.backend === "fts" ? "ranked by DuckDB full-text search (BM25)"
    : "substring match (the full-text extension is not available)";
  el.innerHTML = html`<div class="period-head"><h2>${res.hits.length} articles</h2>
      <span class="badge" id="search-backend">${note}</span></div>
    ${raw(res.hits.map((hit) => hitHtml(hit, words)).join("") || `<div class="empty">Nothing found.</div>`)}`;
}

function highlight(text, words) {
  let out = esc(text);
  for (const w of words) {
    const stem = w.length > 5 ? w.slice(0, Math.max(4, w.length - 3)) : w;
    const re = new RegExp(`(${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\w-]*)`, "gi");
    out = out.replace(re, "<mark>$1</mark>");
  }
  return out;
}

function hitHtml(hit, words) {
  const evidence = hit.evidence.map((ev) => html`<li>${quadChip(ev.plover_type, ev.quad_class)}
    ${ev.source_code || "?"} → ${ev.target_code || "-"} ${statusTag(ev.status)}
    ${raw(highlight(ev.evidence || "", words))}
    <span class="small muted reports" data-reports="${ev.report_count}">${ev.report_count > 1 ? `· one of ${ev.report_count} reports of this event` : "· its only report"}</span></li>`).join("");
  return html`<div class="hit">
    <h3><a href="#/article/${hit.article_id}">${hit.title || hit.article_id}</a></h3>
    <div class="small muted">${hit.published} · ${hit.events} event ${hit.events === 1 ? "report" : "reports"} · score ${hit.score.toFixed(2)}</div>
    <div class="snippet">${raw(highlight(hit.snippet, words))}</div>
    ${raw(evidence ? `<ul>${evidence}</ul>` : "")}
  </div>`;
}

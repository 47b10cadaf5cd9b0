// Promises and denials: claims per actor on a timeline (said → due), where each stands, and the
// sentence that settled it. #/claims?actor=&state=&kind=&since=&until=, #/claims/<id>.
import { actorLink, api, esc, html, invertedRange, queryString, raw } from "./util.js";

const STATES = ["open", "fulfilled", "overdue", "contradicted", "carried-out", "lapsed"];
const KINDS = ["promise", "plan", "threat", "demand", "denial"];
const STATE_NOTES = {
  open: "not yet due, nothing reported",
  fulfilled: "the promised or demanded act was reported",
  overdue: "the window passed without it",
  contradicted: "the denied act was reported",
  "carried-out": "the threatened act was reported",
  lapsed: "the window passed without it",
};
const MAX_ACTORS = 12;
const DAY = 86400000;

export async function renderClaims(view, params, arg) {
  if (arg) {
    await renderClaim(view, arg);
    return;
  }
  view.innerHTML = html`
    <div class="page-head">
      <div><h1>Promises and denials</h1>
        <div class="muted">What actors promised, planned, threatened, demanded or denied, and
        what the later news says came of it.</div></div>
      <div class="toolbar downloads" id="claim-downloads"></div>
    </div>
    <form class="card filters" id="claim-filters" autocomplete="off">
      <div class="field"><label for="c-actor">Actor</label>
        <input id="c-actor" name="actor" class="code" list="actor-codes" placeholder="RUS" value="${params.actor || ""}"></div>
      <div class="field"><label for="c-state">State</label>
        <select id="c-state" name="state"><option value="">every state</option>
        ${raw(STATES.map((s) => `<option ${params.state === s ? "selected" : ""}>${s}</option>`).join(""))}
        </select></div>
      <div class="field"><label for="c-kind">Kind</label>
        <select id="c-kind" name="kind"><option value="">every kind</option>
        ${raw(KINDS.map((k) => `<option ${params.kind === k ? "selected" : ""}>${k}</option>`).join(""))}
        </select></div>
      <div class="field"><label for="c-since">Said since</label>
        <input id="c-since" name="since" type="date" value="${params.since || ""}"></div>
      <div class="field"><label for="c-until">Said until</label>
        <input id="c-until" name="until" type="date" value="${params.until || ""}"></div>
      <button class="primary" type="submit" id="apply-claims">Apply</button>
    </form>
    <div class="state-chips" id="claim-states"></div>
    <div class="card" id="claim-timeline"><p class="muted">Loading…</p></div>
    <div class="card" id="claim-list"></div>`;
  const form = view.querySelector("#claim-filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    v.actor = (v.actor || "").trim().toUpperCase();
    window.location.hash = `#/claims?${queryString(v)}`;
  });
  const inverted = invertedRange(params);
  if (inverted) {
    view.querySelector("#claim-timeline").innerHTML = html`<div class="error" id="range-error">${inverted}</div>`;
    return;
  }
  const filters = { actor: params.actor, state: params.state, kind: params.kind,
    since: params.since, until: params.until };
  const page = await api("/api/claims", { ...filters, limit: 1000 });
  view.querySelector("#claim-downloads").innerHTML = `<span class="muted small">Download:</span> `
    + ["csv", "jsonl", "parquet"].map((f) =>
      `<a href="/api/claims.${f}?${esc(queryString(filters))}" download>${f.toUpperCase()}</a>`).join(" · ");
  view.querySelector("#claim-states").innerHTML = STATES.map((s) => html`<a
    class="state-chip claim-${s} ${params.state === s ? "active" : ""}" data-state="${s}" title="${STATE_NOTES[s]}"
    href="#/claims?${queryString({ ...filters, state: params.state === s ? "" : s })}">${s}
    <b>${page.states[s] || 0}</b></a>`).join("")
    + html`<span class="muted small" id="claims-as-of">${page.as_of ? `as of ${page.as_of}, the newest article` : ""}</span>`;
  drawTimeline(view.querySelector("#claim-timeline"), page);
  view.querySelector("#claim-list").innerHTML = claimTable(page.claims, page.total);
}

function drawTimeline(el, page) {
  const claims = page.claims;
  if (!claims.length) {
    el.innerHTML = `<div class="empty">No claims match these filters.</div>`;
    return;
  }
  const groups = new Map();
  for (const c of claims) {
    if (!groups.has(c.claimant_country)) groups.set(c.claimant_country, []);
    groups.get(c.claimant_country).push(c);
  }
  const actors = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const shown = actors.slice(0, MAX_ACTORS);
  const day = (iso) => Date.parse(`${iso}T00:00:00Z`);
  const asOf = page.as_of ? day(page.as_of) : null;
  const first = Math.min(...claims.map((c) => day(c.claim_date)));
  let last = Math.max(...claims.map((c) => Math.max(day(c.due_by), c.outcome_date ? day(c.outcome_date) : 0)));
  if (asOf) last = Math.min(Math.max(last, asOf), asOf + 365 * DAY);
  const span = Math.max(last - first, 30 * DAY);
  const x = (t) => Math.max(0, Math.min(100, ((t - first) / span) * 100));
  const rows = shown.map(([country, list]) => {
    list.sort((a, b) => a.claim_date.localeCompare(b.claim_date) || a.claim_id.localeCompare(b.claim_id));
    const bars = list.map((c, i) => {
      const start = x(day(c.claim_date));
      const end = x(day(c.due_by));
      const outcome = c.outcome_date ? `<span class="claim-outcome" style="left:${x(day(c.outcome_date)) - start}%"></span>` : "";
      const title = `${c.kind}: ${c.plover_type} ${c.target_code || ""} · said ${c.claim_date} · due ${c.due_by} · ${c.state}${c.outcome_date ? ` on ${c.outcome_date}` : ""}`;
      return `<a class="claim-bar claim-${esc(c.state)}" data-claim="${esc(c.claim_id)}" data-state="${esc(c.state)}"
        href="#/claims/${esc(c.claim_id)}" title="${esc(title)}"
        style="left:${start}%;width:${Math.max(end - start, 0.6)}%;top:${(i % 4) * 9 + 4}px">${outcome}</a>`;
    }).join("");
    const height = Math.min(list.length, 4) * 9 + 10;
    return `<div class="claim-actor" data-actor="${esc(country)}">
      <div class="claim-who">${actorLink(country, country).__raw} <span class="muted small">${list.length}</span></div>
      <div class="claim-track" style="height:${height}px">${bars}
        ${asOf ? `<span class="claim-now" style="left:${x(asOf)}%" title="as of ${esc(page.as_of)}"></span>` : ""}</div></div>`;
  }).join("");
  const axis = `<div class="claim-axis"><span>${new Date(first).toISOString().slice(0, 10)}</span>
    <span>${new Date(first + span).toISOString().slice(0, 10)}</span></div>`;
  const more = actors.length > shown.length
    ? `<p class="muted small">${actors.length - shown.length} more actors: narrow the filters to see them.</p>` : "";
  el.innerHTML = `<div class="period-head"><h2>Timeline per actor</h2>
    <span class="muted small">each bar runs from when a claim was made to when it fell due; a dot is when it was settled</span></div>
    <div class="claim-timeline">${rows}${axis}</div>${more}`;
}

function claimTable(claims, total) {
  if (!claims.length) return "";
  const rows = claims.map((c) => html`<tr data-claim="${c.claim_id}">
    <td class="date">${c.claim_date}</td>
    <td>${actorLink(c.claimant_code, c.claimant_code)}</td>
    <td>${c.kind}</td>
    <td>${c.plover_type} ${c.target_code ? "→ " : ""}${c.target_code}</td>
    <td class="date">${c.due_by}<div class="small muted">${c.due_how}${c.due_text ? `: ${c.due_text}` : ""}</div></td>
    <td><span class="state-chip claim-${c.state}">${c.state}</span></td>
    <td><span class="evidence">${c.evidence}</span>
      ${raw(c.outcome_evidence ? html`<div class="outcome-line">${c.outcome_date}: <span class="evidence">${c.outcome_evidence}</span></div>` : "")}
      <div class="source-line"><a href="#/claims/${c.claim_id}">details</a> · <a href="#/article/${c.article_id}">${c.article_title || c.article_id}</a></div></td>
  </tr>`).join("");
  return `<div class="period-head"><h2>${total} claims</h2></div>
    <table class="events claims"><thead><tr><th>Said</th><th>Claimant</th><th>Kind</th><th>Act</th>
    <th>Due by</th><th>State</th><th>Evidence and outcome</th></tr></thead><tbody>${rows}</tbody></table>`;
}

async function renderClaim(view, id) {
  const c = await api(`/api/claims/${encodeURIComponent(id)}`);
  const due = c.due_from === c.due_by ? c.due_by : `${c.due_from} – ${c.due_by}`;
  view.innerHTML = html`
    <div class="page-head"><div><h1>${c.kind} by ${c.claimant_code}: ${c.plover_type} ${c.target_code}</h1>
      <div class="muted">said ${c.claim_date} · due ${due} (${c.due_how}${c.due_text ? `: ${c.due_text}` : ""})
      · confidence ${Math.round(c.confidence * 100)}% · ${c.reports} ${c.reports === 1 ? "report" : "reports"}</div></div>
      <a href="#/claims">All claims</a></div>
    <div class="card" id="claim-said"><h2>What was said</h2>
      <p class="evidence">${c.evidence}</p>
      <div class="source-line"><a href="#/article/${c.article_id}">${c.article_title || c.article_id}</a></div></div>
    <div class="card" id="claim-outcome"><h2><span class="state-chip claim-${c.state}">${c.state}</span>
      as of ${c.as_of}</h2>
      ${raw(c.outcome_evidence ? html`<p class="evidence">${c.outcome_evidence}</p>
        <div class="source-line">${c.outcome_why} · match confidence ${Math.round((c.outcome_confidence || 0) * 100)}%
        · <a href="#/article/${c.outcome_article_id}">${c.outcome_article_title || c.outcome_article_id}</a></div>`
        : html`<p class="muted">${c.outcome_why}</p>`)}</div>`;
}
